/**
 * Modals and Home tabs as Slack keeps them: a stack of at most three modals per person, one Home
 * view per person, single-use trigger ids that expire after three seconds, and what each person
 * has entered into a view so far (client-side state until they submit).
 */
import { SlackApiError } from './api-error';
import { buildStateValues, withGeneratedIds } from './block-kit-state';
import { randomHex, slackId, triggerId } from './ids';
import { asString, clone, isObject, type JsonObject } from './json';
import type { ChangeListener, SlackView, StateValue, StateValues, TextObject, ViewType } from './types';
import type { WorkspaceIdentity } from './workspace-state';

export const TRIGGER_TTL_MS = 3000;
export const MAX_MODAL_STACK = 3;

interface TriggerRecord {
  userId: string;
  issuedAt: number;
  used: boolean;
}

interface ViewRecord {
  view: SlackView;
  userId: string;
  /** What the person typed or picked so far, in `state.values` shape. */
  entered: StateValues;
  /** Field errors from `response_action: 'errors'` or from the client's own checks. */
  errors: Record<string, string>;
}

function textObject(value: unknown): TextObject | undefined {
  return isObject(value) ? (clone(value) as unknown as TextObject) : undefined;
}

export class ViewsState {
  private readonly records = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private readonly triggers = new Map<string, TriggerRecord>();

  constructor(
    private readonly identity: WorkspaceIdentity,
    private readonly clock: () => number,
    private readonly emit: ChangeListener,
  ) {}

  // ---- triggers -----------------------------------------------------------------------------

  issueTrigger(userId: string): string {
    const id = triggerId(this.clock());
    this.triggers.set(id, { userId, issuedAt: this.clock(), used: false });
    return id;
  }

  /**
   * Exchanges a trigger for whatever `use` does with the person it belongs to. The trigger is
   * spent only when `use` succeeds, so a call rejected for a bad view can be retried.
   */
  exchangeTrigger<T>(id: string, use: (userId: string) => T): T {
    const trigger = this.triggers.get(id);
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (this.clock() - trigger.issuedAt > TRIGGER_TTL_MS) throw new SlackApiError('expired_trigger_id');
    const result = use(trigger.userId);
    trigger.used = true;
    return result;
  }

  // ---- building views -----------------------------------------------------------------------

  private newHash(): string {
    return `${Math.floor(this.clock() / 1000)}.${randomHex(4)}`;
  }

  private assertExternalIdFree(externalId: string, exceptViewId?: string): void {
    if (externalId === '') return;
    for (const record of this.records.values()) {
      if (record.view.external_id === externalId && record.view.id !== exceptViewId) {
        throw new SlackApiError('duplicate_external_id');
      }
    }
  }

  private build(input: JsonObject, id: string, links: { root: string; previous: string | null }): SlackView {
    const view: SlackView = {
      id,
      team_id: this.identity.teamId,
      type: input.type as ViewType,
      blocks: withGeneratedIds(input.blocks),
      private_metadata: asString(input.private_metadata) ?? '',
      callback_id: asString(input.callback_id) ?? '',
      external_id: asString(input.external_id) ?? '',
      state: { values: {} },
      hash: this.newHash(),
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      previous_view_id: links.previous,
      root_view_id: links.root,
      app_id: this.identity.appId,
      app_installed_team_id: this.identity.teamId,
      bot_id: this.identity.botId,
    };
    if (view.type === 'modal') {
      view.title = textObject(input.title);
      view.submit = textObject(input.submit) ?? null;
      view.close = textObject(input.close) ?? null;
      view.submit_disabled = input.submit_disabled === true;
    }
    return view;
  }

  /** The view as Slack reports it, with the person's entries in `state.values`. */
  private present(record: ViewRecord): SlackView {
    const view = clone(record.view);
    view.state = { values: buildStateValues(view.blocks, record.entered) };
    return view;
  }

  // ---- modals -------------------------------------------------------------------------------

  open(userId: string, input: JsonObject): SlackView {
    const id = slackId('V');
    this.assertExternalIdFree(asString(input.external_id) ?? '');
    const view = this.build(input, id, { root: id, previous: null });
    // A new modal replaces whatever stack the person had open.
    for (const old of this.stacks.get(userId) ?? []) this.records.delete(old);
    this.records.set(id, { view, userId, entered: {}, errors: {} });
    this.stacks.set(userId, [id]);
    this.emit({ type: 'view', action: 'opened', user: userId, view: clone(view) });
    return clone(view);
  }

  push(userId: string, input: JsonObject): SlackView {
    const stack = this.stacks.get(userId) ?? [];
    const top = stack[stack.length - 1];
    if (!top) throw new SlackApiError('invalid_arguments', ['[ERROR] no modal is open to push onto']);
    if (stack.length >= MAX_MODAL_STACK) throw new SlackApiError('push_limit_reached');
    this.assertExternalIdFree(asString(input.external_id) ?? '');
    const id = slackId('V');
    const view = this.build(input, id, { root: stack[0] ?? id, previous: top });
    this.records.set(id, { view, userId, entered: {}, errors: {} });
    stack.push(id);
    this.stacks.set(userId, stack);
    this.emit({ type: 'view', action: 'pushed', user: userId, view: clone(view) });
    return clone(view);
  }

  findViewId(ref: { viewId?: string; externalId?: string }): string | undefined {
    if (ref.viewId) return this.records.has(ref.viewId) ? ref.viewId : undefined;
    return [...this.records.values()].find((r) => ref.externalId && r.view.external_id === ref.externalId)
      ?.view.id;
  }

  /** views.update: new content, same id and place in the stack, new hash; errors are cleared. */
  update(viewId: string, input: JsonObject, expectedHash?: string): SlackView {
    const record = this.records.get(viewId);
    if (!record) throw new SlackApiError('not_found');
    if (expectedHash !== undefined && expectedHash !== record.view.hash)
      throw new SlackApiError('hash_conflict');
    if (input.type !== record.view.type) {
      throw new SlackApiError('invalid_arguments', [
        `[ERROR] must be '${record.view.type}' [json-pointer:/view/type]`,
      ]);
    }
    this.assertExternalIdFree(asString(input.external_id) ?? '', viewId);
    record.view = this.build(input, viewId, {
      root: record.view.root_view_id,
      previous: record.view.previous_view_id,
    });
    record.errors = {};
    const view = this.present(record);
    if (view.type === 'home')
      this.emit({ type: 'home', action: 'published', user: record.userId, view: clone(view) });
    else this.emit({ type: 'view', action: 'updated', user: record.userId, view: clone(view) });
    return view;
  }

  /** Closes the top modal (the person pressed Cancel, or the app acknowledged a submission). */
  popModal(userId: string): SlackView | undefined {
    const stack = this.stacks.get(userId) ?? [];
    const id = stack.pop();
    const record = id ? this.records.get(id) : undefined;
    if (!id || !record) return undefined;
    const view = this.present(record);
    this.records.delete(id);
    this.emit({ type: 'view', action: 'closed', user: userId, view: clone(view) });
    return view;
  }

  /** Closes every modal the person has open, top first. */
  clearModals(userId: string): SlackView[] {
    const closed: SlackView[] = [];
    for (let view = this.popModal(userId); view; view = this.popModal(userId)) closed.push(view);
    return closed;
  }

  modalStack(userId: string): SlackView[] {
    return (this.stacks.get(userId) ?? []).flatMap((id) => {
      const record = this.records.get(id);
      return record ? [this.present(record)] : [];
    });
  }

  topModal(userId: string): SlackView | undefined {
    const stack = this.stacks.get(userId) ?? [];
    const id = stack[stack.length - 1];
    const record = id ? this.records.get(id) : undefined;
    return record && this.present(record);
  }

  // ---- home ---------------------------------------------------------------------------------

  publishHome(userId: string, input: JsonObject, expectedHash?: string): SlackView {
    const existingId = this.homes.get(userId);
    const existing = existingId ? this.records.get(existingId) : undefined;
    if (expectedHash !== undefined && existing && expectedHash !== existing.view.hash) {
      throw new SlackApiError('hash_conflict');
    }
    const id = existingId ?? slackId('V');
    this.assertExternalIdFree(asString(input.external_id) ?? '', id);
    const record: ViewRecord = {
      view: this.build(input, id, { root: id, previous: null }),
      userId,
      entered: existing?.entered ?? {},
      errors: {},
    };
    this.records.set(id, record);
    this.homes.set(userId, id);
    const presented = this.present(record);
    this.emit({ type: 'home', action: 'published', user: userId, view: clone(presented) });
    return presented;
  }

  home(userId: string): SlackView | undefined {
    const id = this.homes.get(userId);
    const record = id ? this.records.get(id) : undefined;
    return record && this.present(record);
  }

  // ---- what the person entered, and errors --------------------------------------------------

  view(viewId: string): SlackView | undefined {
    const record = this.records.get(viewId);
    return record && this.present(record);
  }

  ownerOf(viewId: string): string | undefined {
    return this.records.get(viewId)?.userId;
  }

  enter(viewId: string, blockId: string, actionId: string, value: StateValue): void {
    const record = this.records.get(viewId);
    if (!record) throw new Error(`View ${viewId} is not open`);
    record.entered[blockId] = { ...record.entered[blockId], [actionId]: clone(value) };
  }

  setErrors(viewId: string, errors: Record<string, string>): void {
    const record = this.records.get(viewId);
    if (!record) return;
    record.errors = { ...errors };
    if (Object.keys(errors).length > 0) {
      this.emit({
        type: 'view',
        action: 'errors',
        user: record.userId,
        view: this.present(record),
        errors: { ...errors },
      });
    }
  }

  errors(viewId: string): Record<string, string> {
    return { ...this.records.get(viewId)?.errors };
  }
}
