/**
 * One person using Slack: runs slash commands, clicks buttons, picks options, fills in and
 * submits modals, opens the Home tab, writes DMs. Each action changes what Slack's client would
 * change and delivers to the app exactly what Slack would deliver.
 */
import { randomUUID } from 'node:crypto';
import { viewProblems } from './block-kit-limits';
import {
  actionPayload,
  buildStateValues,
  clientSideErrors,
  type EntityLookup,
  type FillValue,
  findInput,
  findOption,
  type LocatedElement,
  modalInputs,
  stateValueFromFill,
} from './block-kit-state';
import type { DeliverOptions, DeliveryKind, DeliveryResult } from './delivery';
import type { FilesState } from './files-state';
import { asString, isObject, type JsonObject, tryParseJson } from './json';
import { applyMessageResponse } from './message-responses';
import {
  type AppIdentity,
  channelName,
  commandBody,
  eventBody,
  interactionBase,
  interactionBody,
  richTextBlocks,
} from './payloads';
import type { ResponseTarget, ResponseUrls } from './response-urls';
import {
  describeElements,
  describeSurface,
  type ElementQuery,
  findElement,
  type Surface,
  type SurfaceRef,
  surfacesFor,
} from './surfaces';
import type { EphemeralMessage, SandboxUser, SlackMessage, SlackView, StateValue } from './types';
import type { ViewsState } from './views-state';
import { SLACKBOT_USER_ID, type WorkspaceState } from './workspace-state';

/** What a session needs from the emulator. */
export interface SessionHost {
  readonly identity: AppIdentity;
  readonly workspace: WorkspaceState;
  readonly views: ViewsState;
  readonly files: FilesState;
  readonly responseUrls: ResponseUrls;
  responseUrl(id: string): string;
  clock(): number;
  deliver(kind: DeliveryKind, rawBody: string, opts?: DeliverOptions): Promise<DeliveryResult>;
}

export interface CommandResult extends DeliveryResult {
  triggerId: string;
  responseUrl: string;
  /** The app's synchronous answer, shown to the person only. */
  ephemeral?: EphemeralMessage;
  /** The app's synchronous answer with `response_type: 'in_channel'`. */
  message?: SlackMessage;
}

export interface InteractionResult extends DeliveryResult {
  payload: JsonObject;
  triggerId: string;
  /** Present for interactions on messages. */
  responseUrl?: string;
}

export interface ButtonQuery extends ElementQuery {
  in?: SurfaceRef;
}

export interface SelectQuery extends Omit<ElementQuery, 'value'> {
  /** What to pick: an option's value or text (or a RegExp on its text), a user or conversation, a date… */
  option: FillValue | RegExp;
  in?: SurfaceRef;
}

export type SubmitOutcome =
  /** The app acknowledged with an empty body: the current view closed. */
  | 'closed'
  | 'cleared'
  | 'updated'
  | 'pushed'
  /** `response_action: 'errors'`: the modal stays open with the errors shown. */
  | 'errors'
  /** Slack's client refused to send: a required field is empty or a value is malformed. */
  | 'invalid'
  /** The app failed to answer properly; Slack keeps the modal open with a generic error. */
  | 'app_error';

export interface SubmitResult {
  outcome: SubmitOutcome;
  /** Field errors now shown in the modal, by block_id. */
  errors: Record<string, string>;
  /** The app's HTTP answer; absent when nothing was sent (`invalid`). */
  response?: DeliveryResult;
  payload?: JsonObject;
  /** For `app_error`: what was wrong. */
  problem?: string;
}

const SELECTABLE = new Set([
  'static_select',
  'multi_static_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'overflow',
  'radio_buttons',
  'checkboxes',
  'datepicker',
  'timepicker',
  'datetimepicker',
]);

const isButton = (e: LocatedElement) => e.element.type === 'button';
const isSelectable = (e: LocatedElement) =>
  typeof e.element.type === 'string' && SELECTABLE.has(e.element.type);

function parseAppJson(body: string): { ok: true; value: JsonObject | undefined } | { ok: false } {
  if (body.trim() === '') return { ok: true, value: undefined };
  const parsed = tryParseJson(body);
  if (!parsed.ok || !isObject(parsed.value)) return { ok: false };
  return { ok: true, value: parsed.value };
}

export class UserSession {
  constructor(
    private readonly host: SessionHost,
    readonly userId: string,
  ) {
    if (!host.workspace.user(userId)) throw new Error(`No user ${userId}: addUser() first`);
  }

  private get user(): SandboxUser {
    const user = this.host.workspace.user(this.userId);
    if (!user) throw new Error(`User ${this.userId} was removed`);
    return user;
  }

  private get lookup(): EntityLookup {
    const { workspace, files } = this.host;
    return {
      userId: (ref) => workspace.resolveUser(ref),
      conversationId: (ref) => (workspace.channel(ref) ?? workspace.channelByName(ref))?.id,
      // The Slack client uploads what a person picks for a file_input at once, as their file.
      uploadFiles: (uploads) =>
        uploads.map((upload) => {
          const file = files.create({
            name: upload.name,
            content: upload.content,
            user: this.userId,
            source: 'file_input',
            ...(upload.title !== undefined ? { title: upload.title } : {}),
            ...(upload.mimetype !== undefined ? { mimetype: upload.mimetype } : {}),
          });
          return files.toSlack(file.id);
        }),
    };
  }

  // ---- slash commands -----------------------------------------------------------------------

  /**
   * Runs `/command text` in a channel (default: the app's DM with this person). A synchronous
   * answer from the app is shown the way Slack shows it; a failure produces Slack's own notice.
   */
  async command(command: string, text = '', opts: { channel?: string } = {}): Promise<CommandResult> {
    const { workspace, views, responseUrls, identity } = this.host;
    const name = command.startsWith('/') ? command : `/${command}`;
    const channel = workspace.resolveConversation(opts.channel ?? this.userId);
    if (!channel) throw new Error(`No conversation "${opts.channel}" to run ${name} in`);
    const triggerId = views.issueTrigger(this.userId);
    const target: ResponseTarget = { userId: this.userId, channelId: channel.id };
    const responseUrl = this.host.responseUrl(responseUrls.create(target));
    const body = commandBody(identity, {
      command: name,
      text,
      user: this.user,
      channel,
      responseUrl,
      triggerId,
    });
    const delivery = await this.host.deliver('command', body);
    const result: CommandResult = { ...delivery, triggerId, responseUrl };

    if (delivery.status !== 200) {
      const reason = delivery.error === 'timeout' ? 'operation_timeout' : 'dispatch_failed';
      result.ephemeral = workspace.postEphemeral({
        channel: channel.id,
        user: this.userId,
        from: SLACKBOT_USER_ID,
        text: `${name} failed with the error "${reason}"`,
        source: 'slack',
      });
      return result;
    }
    if (delivery.body.trim() === '') return result;
    const parsed = tryParseJson(delivery.body);
    // A plain-text answer is shown as is; JSON is a message with text and/or blocks.
    const answer: JsonObject = parsed.ok && isObject(parsed.value) ? parsed.value : { text: delivery.body };
    if (!asString(answer.text) && !Array.isArray(answer.blocks)) return result;
    const effect = applyMessageResponse(workspace, target, answer, 'command_response');
    if (effect.kind === 'ephemeral') result.ephemeral = effect.ephemeral;
    if (effect.kind === 'message') result.message = effect.message;
    return result;
  }

  // ---- buttons and selects ------------------------------------------------------------------

  /** Clicks a button found by its label, action_id, block_id or value. */
  async clickButton(query: ButtonQuery): Promise<InteractionResult> {
    const surfaces = surfacesFor(this.host.workspace, this.host.views, this.userId, query.in);
    const match = findElement(surfaces, query, isButton);
    if (!match) {
      throw new Error(
        `${this.userId} sees no button matching ${describeQuery(query)}. Buttons they can see:\n` +
          describeElements(surfaces, isButton),
      );
    }
    return this.sendBlockActions(match.surface, match.located, undefined);
  }

  /**
   * Picks in a select, overflow menu, radio buttons, checkboxes or a date/time picker outside
   * input blocks (or inside one with `dispatch_action`); Slack sends block_actions for those.
   */
  async selectOption(query: SelectQuery): Promise<InteractionResult> {
    const surfaces = surfacesFor(this.host.workspace, this.host.views, this.userId, query.in);
    const match = findElement(surfaces, query, isSelectable);
    if (!match) {
      throw new Error(
        `${this.userId} sees no select matching ${describeQuery(query)}. Selects they can see:\n` +
          describeElements(surfaces, isSelectable),
      );
    }
    const { located, surface } = match;
    const wanted = query.option instanceof RegExp ? optionValueMatching(located, query.option) : query.option;
    const picked = stateValueFromFill(located.element, wanted, this.lookup, `"${located.label}"`);
    if (surface.kind === 'modal' || surface.kind === 'home') {
      if (located.element.type !== 'overflow') {
        this.host.views.enter(surface.view.id, located.blockId, located.actionId, picked);
      }
    }
    return this.sendBlockActions(this.refresh(surface), located, picked);
  }

  /** The surface as it is now (a view's state changes when the person picks something). */
  private refresh(surface: Surface): Surface {
    if (surface.kind === 'modal' || surface.kind === 'home') {
      const view = this.host.views.view(surface.view.id);
      return view ? { ...surface, view } : surface;
    }
    return surface;
  }

  private async sendBlockActions(
    surface: Surface,
    located: LocatedElement,
    picked: StateValue | undefined,
  ): Promise<InteractionResult> {
    const { workspace, views, identity, responseUrls } = this.host;
    const triggerId = views.issueTrigger(this.userId);
    const actionTs = workspace.nextTs();
    const payload: JsonObject = {
      ...interactionBase(identity, this.user, 'block_actions'),
      trigger_id: triggerId,
    };
    let responseUrl: string | undefined;
    if (surface.kind === 'modal' || surface.kind === 'home') {
      payload.container = { type: 'view', view_id: surface.view.id };
      payload.view = surface.view;
    } else {
      const ephemeral = surface.kind === 'ephemeral';
      const channelId = ephemeral ? surface.ephemeral.channel : surface.channel;
      const ts = ephemeral ? surface.ephemeral.ts : surface.message.ts;
      const blocks = ephemeral ? (surface.ephemeral.blocks ?? []) : (surface.message.blocks ?? []);
      const channel = workspace.channel(channelId);
      const entered = picked ? { [located.blockId]: { [located.actionId]: picked } } : {};
      payload.container = { type: 'message', message_ts: ts, channel_id: channelId, is_ephemeral: ephemeral };
      payload.channel = { id: channelId, name: channel ? channelName(channel) : channelId };
      // Slack leaves the message out for ephemeral messages: the app never stored them.
      if (!ephemeral) payload.message = surface.message;
      payload.state = { values: buildStateValues(blocks, entered) };
      const target: ResponseTarget = { userId: this.userId, channelId, original: { ts, ephemeral } };
      responseUrl = this.host.responseUrl(responseUrls.create(target));
      payload.response_url = responseUrl;
    }
    payload.actions = [actionPayload(located, actionTs, picked)];
    const delivery = await this.host.deliver('interaction', interactionBody(payload));
    return { ...delivery, payload, triggerId, ...(responseUrl ? { responseUrl } : {}) };
  }

  // ---- message shortcuts --------------------------------------------------------------------

  /**
   * Runs one of the app's message shortcuts ("More actions" on a message) on the message `ts` in
   * `channelRef`: Slack sends a `message_action` interaction with the shortcut's callback_id, a
   * trigger_id (to open a modal), a response_url (to answer in the conversation), the message as
   * it stands, the channel, the person and the team. Only a message the person can see: in a
   * conversation they are a member of, and not deleted.
   */
  async messageShortcut(channelRef: string, ts: string, callbackId: string): Promise<InteractionResult> {
    const { workspace, views, identity, responseUrls } = this.host;
    if (!callbackId) throw new Error('A message shortcut needs its callback_id');
    const channel = workspace.resolveConversation(channelRef);
    if (!channel) throw new Error(`No conversation "${channelRef}"`);
    if (!channel.members.includes(this.userId))
      throw new Error(`${this.userId} is not a member of ${channel.id} and cannot see its messages`);
    const message = workspace.message(channel.id, ts);
    if (!message) throw new Error(`No message ${ts} in ${channel.id}`);
    const triggerId = views.issueTrigger(this.userId);
    const target: ResponseTarget = { userId: this.userId, channelId: channel.id };
    const responseUrl = this.host.responseUrl(responseUrls.create(target));
    const payload: JsonObject = {
      ...interactionBase(identity, this.user, 'message_action'),
      callback_id: callbackId,
      trigger_id: triggerId,
      response_url: responseUrl,
      action_ts: workspace.nextTs(),
      message_ts: message.ts,
      channel: { id: channel.id, name: channelName(channel) },
      message: { ...message, type: 'message' },
    };
    const delivery = await this.host.deliver('interaction', interactionBody(payload));
    return { ...delivery, payload, triggerId, responseUrl };
  }

  // ---- modals -------------------------------------------------------------------------------

  private topModal(action: string): SlackView {
    const view = this.host.views.topModal(this.userId);
    if (!view) throw new Error(`${this.userId} has no modal open to ${action}`);
    return view;
  }

  /**
   * Types or picks values in the open modal's input blocks, found by block_id, label or
   * action_id. The values are set at once; inputs with `dispatch_action` also send
   * block_actions, which the returned promise waits for. A `file_input` takes
   * `{ files: [{ name, content, mimetype?, title? }] }`: the files are uploaded as this person's
   * at once (they appear in `emu.files()`), and submitting refuses more than `max_files`, types
   * outside `filetypes` and files over 10 MB, as Slack's client does (`invalid`).
   */
  async fillModal(values: Record<string, FillValue>): Promise<InteractionResult[]> {
    const view = this.topModal('fill in');
    const inputs = modalInputs(view.blocks);
    const dispatches: { located: LocatedElement; picked: StateValue }[] = [];
    for (const [key, value] of Object.entries(values)) {
      const input = findInput(inputs, key);
      if (!input) {
        const available = inputs.map(
          (i) => `  - "${i.label}" (block_id=${i.blockId}, ${String(i.element.type)})`,
        );
        throw new Error(
          `No input "${key}" in ${describeSurface({ kind: 'modal', view })}. Inputs:\n${available.join('\n') || '  (none)'}`,
        );
      }
      const picked = stateValueFromFill(input.element, value, this.lookup, `"${key}"`);
      this.host.views.enter(view.id, input.blockId, input.actionId, picked);
      if (input.dispatchAction) {
        dispatches.push({
          located: {
            blockId: input.blockId,
            actionId: input.actionId,
            element: input.element,
            label: input.label,
          },
          picked,
        });
      }
    }
    const results: InteractionResult[] = [];
    for (const { located, picked } of dispatches) {
      const current = this.topModal('fill in');
      results.push(await this.sendBlockActions({ kind: 'modal', view: current }, located, picked));
    }
    return results;
  }

  /** Presses the modal's submit button and applies the app's `response_action`. */
  async submitView(): Promise<SubmitResult> {
    const { views, identity } = this.host;
    const view = this.topModal('submit');
    if (!view.submit) throw new Error(`${describeSurface({ kind: 'modal', view })} has no submit button`);
    const clientErrors = clientSideErrors(modalInputs(view.blocks), view.state.values, this.user.locale);
    if (Object.keys(clientErrors).length > 0) {
      views.setErrors(view.id, clientErrors);
      return { outcome: 'invalid', errors: clientErrors };
    }
    views.setErrors(view.id, {});
    const payload: JsonObject = {
      ...interactionBase(identity, this.user, 'view_submission'),
      trigger_id: views.issueTrigger(this.userId),
      view,
      response_urls: [],
    };
    const response = await this.host.deliver('interaction', interactionBody(payload));
    const appError = (problem: string): SubmitResult => ({
      outcome: 'app_error',
      errors: {},
      response,
      payload,
      problem,
    });
    if (response.status !== 200)
      return appError(`the app answered HTTP ${response.status || response.error}`);
    const parsed = parseAppJson(response.body);
    if (!parsed.ok) return appError('the app answered with a body that is not a JSON object');
    const answer = parsed.value ?? {};
    const done = (outcome: SubmitOutcome, errors: Record<string, string> = {}): SubmitResult => ({
      outcome,
      errors,
      response,
      payload,
    });

    switch (answer.response_action) {
      case undefined:
        views.popModal(this.userId);
        return done('closed');
      case 'clear':
        views.clearModals(this.userId);
        return done('cleared');
      case 'errors': {
        const errors = isObject(answer.errors) ? answer.errors : {};
        const inputIds = new Set(modalInputs(view.blocks).map((i) => i.blockId));
        const unknown = Object.keys(errors).filter((id) => !inputIds.has(id));
        if (unknown.length > 0)
          return appError(`errors name blocks that are not input blocks: ${unknown.join(', ')}`);
        const shown = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)]));
        views.setErrors(view.id, shown);
        return done('errors', shown);
      }
      case 'update':
      case 'push': {
        const problems = viewProblems(answer.view, 'modal');
        if (problems.length > 0 || !isObject(answer.view))
          return appError(`invalid view: ${problems.join('; ')}`);
        try {
          if (answer.response_action === 'update') views.update(view.id, answer.view);
          else views.push(this.userId, answer.view);
        } catch (error) {
          return appError(error instanceof Error ? error.message : String(error));
        }
        return done(answer.response_action === 'update' ? 'updated' : 'pushed');
      }
      default:
        return appError(`unknown response_action "${String(answer.response_action)}"`);
    }
  }

  /**
   * Closes the top modal (Cancel / Back) or, with `all`, the whole stack (the X). Slack tells
   * the app only when the view asked for it with `notify_on_close`.
   */
  async closeView(opts: { all?: boolean } = {}): Promise<DeliveryResult | undefined> {
    const { views, identity } = this.host;
    const top = this.topModal('close');
    if (opts.all) views.clearModals(this.userId);
    else views.popModal(this.userId);
    if (!top.notify_on_close) return undefined;
    const payload = {
      ...interactionBase(identity, this.user, 'view_closed'),
      view: top,
      is_cleared: opts.all === true,
    };
    return this.host.deliver('interaction', interactionBody(payload));
  }

  // ---- events -------------------------------------------------------------------------------

  private deliverEvent(event: JsonObject): Promise<DeliveryResult> {
    return this.host.deliver('event', eventBody(this.host.identity, event, this.host.clock()));
  }

  /** Opens the app's Home tab (or its Messages tab): Slack sends `app_home_opened`. */
  async openHome(opts: { tab?: 'home' | 'messages' } = {}): Promise<DeliveryResult> {
    const dm = this.host.workspace.openDm(this.userId);
    const event: JsonObject = {
      type: 'app_home_opened',
      user: this.userId,
      channel: dm.id,
      tab: opts.tab ?? 'home',
      event_ts: this.host.workspace.nextTs(),
    };
    const home = this.host.views.home(this.userId);
    if (home && event.tab === 'home') event.view = home;
    return this.deliverEvent(event);
  }

  /** Writes to the app in its Messages tab: a `message` event with `channel_type: 'im'`. */
  async sendDm(text: string): Promise<{ message: SlackMessage; delivery: DeliveryResult }> {
    const dm = this.host.workspace.openDm(this.userId);
    return this.sendMessage(dm.id, text);
  }

  /**
   * Writes a message in a conversation the person belongs to. Slack sends a `message` event and,
   * when the text mentions the app's bot, an `app_mention` event too.
   */
  async sendMessage(
    channelRef: string,
    text: string,
    opts: { threadTs?: string } = {},
  ): Promise<{ message: SlackMessage; delivery: DeliveryResult; mentionDelivery?: DeliveryResult }> {
    const { workspace } = this.host;
    const channel = workspace.resolveConversation(channelRef);
    if (!channel) throw new Error(`No conversation "${channelRef}"`);
    if (!channel.members.includes(this.userId))
      throw new Error(`${this.userId} is not a member of ${channel.id}`);
    const message = workspace.postMessage(channel.id, {
      user: this.userId,
      text,
      client_msg_id: randomUUID(),
      blocks: richTextBlocks(text) as SlackMessage['blocks'],
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
    });
    const channelType = channel.isIm
      ? 'im'
      : channel.isMpim
        ? 'mpim'
        : channel.isPrivate
          ? 'group'
          : 'channel';
    const event = { ...message, channel: channel.id, event_ts: message.ts, channel_type: channelType };
    const delivery = await this.deliverEvent(event);
    if (channel.isIm || !text.includes(`<@${workspace.identity.botUserId}>`)) return { message, delivery };
    const { channel_type: _type, ...mention } = event;
    const mentionDelivery = await this.deliverEvent({ ...mention, type: 'app_mention' });
    return { message, delivery, mentionDelivery };
  }
}

function optionValueMatching(located: LocatedElement, pattern: RegExp): string {
  const option = findOption(located.element, pattern);
  if (!option) throw new Error(`No option matching ${String(pattern)} in "${located.label}"`);
  return String(option.value);
}

function describeQuery(query: ElementQuery & { in?: SurfaceRef }): string {
  const parts = Object.entries(query)
    .filter(([key, value]) => value !== undefined && key !== 'option')
    .map(([key, value]) => `${key}=${value instanceof RegExp ? String(value) : JSON.stringify(value)}`);
  return `{ ${parts.join(', ')} }`;
}
