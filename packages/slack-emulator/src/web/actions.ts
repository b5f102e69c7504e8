/**
 * The page's actions, each one call of the emulator's UserSession: the same signed deliveries
 * to the app, the same client-side checks, the same errors, as a test driving the emulator gets.
 * Bodies are JSON from the page and are checked before use.
 */
import type { FillValue } from '../block-kit-state';
import type { DeliveryResult } from '../delivery';
import { asObjects, asString, isObject, type JsonObject } from '../json';
import type { SurfaceRef } from '../surfaces';
import { commandText } from './command-text';
import type { UiHost } from './host';
import type { AppManifestInfo } from './manifest';

export class UiActionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail?: string,
  ) {
    super(detail ?? code);
  }
}

/** What the page is told about a delivery: enough to say "the app did not respond". */
export interface DeliverySummary {
  status: number;
  error?: string;
}

function summarize(result: DeliveryResult): DeliverySummary {
  return { status: result.status, ...(result.error ? { error: result.error } : {}) };
}

function field(body: JsonObject, name: string): string {
  const value = asString(body[name]);
  if (value === undefined || value === '')
    throw new UiActionError(400, 'invalid_arguments', `${name} is required`);
  return value;
}

/** Which message, ephemeral message or view the person acted on. */
function surfaceRef(body: JsonObject): SurfaceRef {
  const surface = isObject(body.surface) ? body.surface : {};
  const kind = asString(surface.kind);
  if (kind === 'modal' || kind === 'home') return kind;
  if (kind === 'message' || kind === 'ephemeral')
    return { channel: field(surface, 'channel'), ts: field(surface, 'ts') };
  throw new UiActionError(400, 'invalid_arguments', 'surface.kind must be message, ephemeral, modal or home');
}

/** A file the page read from the person's computer, base64 over JSON. */
function fileFill(value: JsonObject): FillValue {
  const files = asObjects(value.files).map((file) => {
    const name = asString(file.name);
    const content = asString(file.content);
    if (!name || content === undefined)
      throw new UiActionError(400, 'invalid_arguments', 'files need a name and content');
    const mimetype = asString(file.mimetype);
    return { name, content: Buffer.from(content, 'base64'), ...(mimetype ? { mimetype } : {}) };
  });
  return { files };
}

function fillValue(value: unknown, where: string): FillValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (isObject(value) && Array.isArray(value.files)) return fileFill(value);
  throw new UiActionError(400, 'invalid_arguments', `${where}: not a value a person can enter`);
}

function fillValues(body: JsonObject): Record<string, FillValue> {
  const values = isObject(body.values) ? body.values : {};
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, fillValue(value, key)]));
}

export class UiActions {
  constructor(
    private readonly host: UiHost,
    private readonly manifest: () => Promise<AppManifestInfo>,
  ) {}

  private session(body: JsonObject) {
    const userId = field(body, 'user');
    const user = this.host.user(userId);
    if (!user || user.isBot) throw new UiActionError(404, 'user_not_found', `No person ${userId}`);
    return this.host.as(userId);
  }

  /** Acting on a modal that has since been replaced would act on the wrong one: refuse, as Slack's client cannot. */
  private assertTopModal(userId: string, viewId: string | undefined): void {
    const top = this.host.openViews(userId).at(-1);
    if (!top) throw new UiActionError(409, 'no_modal', 'No modal is open');
    if (viewId && top.id !== viewId)
      throw new UiActionError(409, 'stale_view', 'That modal is no longer on top');
  }

  async run(action: string, body: JsonObject): Promise<JsonObject> {
    switch (action) {
      case 'command':
        return this.command(body);
      case 'message': {
        const channel = field(body, 'channel');
        const text = field(body, 'text');
        const info = await this.manifest();
        const conversation = this.host.channel(channel);
        if (conversation?.isIm && conversation.members.includes(this.host.botUserId) && info.messagesReadOnly)
          throw new UiActionError(
            403,
            'messages_read_only',
            'Sending messages to this app has been turned off.',
          );
        const { delivery } = await this.session(body).sendMessage(channel, text);
        return { ok: true, delivery: summarize(delivery) };
      }
      case 'click': {
        const result = await this.session(body).clickButton({
          actionId: field(body, 'actionId'),
          blockId: field(body, 'blockId'),
          in: this.checkedSurface(body),
        });
        return { ok: true, delivery: summarize(result) };
      }
      case 'select': {
        const result = await this.session(body).selectOption({
          actionId: field(body, 'actionId'),
          blockId: field(body, 'blockId'),
          option: fillValue(body.option, 'option'),
          in: this.checkedSurface(body),
        });
        return { ok: true, delivery: summarize(result) };
      }
      case 'fill': {
        const session = this.session(body);
        this.assertTopModal(session.userId, asString(body.viewId));
        const results = await session.fillModal(fillValues(body));
        return { ok: true, deliveries: results.map(summarize) };
      }
      case 'submit': {
        const session = this.session(body);
        this.assertTopModal(session.userId, asString(body.viewId));
        await session.fillModal(fillValues(body));
        const result = await session.submitView();
        return {
          ok: true,
          outcome: result.outcome,
          errors: result.errors,
          ...(result.problem ? { problem: result.problem } : {}),
        };
      }
      case 'close': {
        const session = this.session(body);
        this.assertTopModal(session.userId, asString(body.viewId));
        const delivery = await session.closeView({ all: body.all === true });
        return { ok: true, ...(delivery ? { delivery: summarize(delivery) } : {}) };
      }
      case 'shortcut':
        return this.messageShortcut(body);
      case 'home': {
        const tab = body.tab === 'messages' ? 'messages' : 'home';
        const delivery = await this.session(body).openHome({ tab });
        return { ok: true, delivery: summarize(delivery) };
      }
      default:
        throw new UiActionError(404, 'unknown_action', `No action ${action}`);
    }
  }

  private checkedSurface(body: JsonObject): SurfaceRef {
    const ref = surfaceRef(body);
    if (ref === 'modal') this.assertTopModal(field(body, 'user'), asString(body.viewId));
    return ref;
  }

  private async command(body: JsonObject): Promise<JsonObject> {
    const session = this.session(body);
    const name = field(body, 'command');
    const info = await this.manifest();
    const declared = info.commands.find((c) => c.command === name);
    // Slack's client refuses commands no installed app declares; without a manifest all are sent.
    if (info.known && !declared)
      throw new UiActionError(400, 'not_a_command', `${name} is not a valid command.`);
    const text = commandText(asString(body.text) ?? '', declared?.shouldEscape ?? false, {
      userIdByHandle: (handle) => this.userIdByHandle(handle),
      channelIdByName: (channelName) =>
        this.host.channels().find((c) => !c.isIm && !c.isMpim && c.name === channelName)?.id,
    });
    const channel = asString(body.channel) || undefined;
    const result = await session.command(name, text, channel ? { channel } : {});
    return { ok: true, delivery: summarize(result) };
  }

  /** A message shortcut from a message's "More actions" menu: only those the manifest declares. */
  private async messageShortcut(body: JsonObject): Promise<JsonObject> {
    const session = this.session(body);
    const callbackId = field(body, 'callbackId');
    const info = await this.manifest();
    if (info.known && !info.messageShortcuts.some((s) => s.callbackId === callbackId))
      throw new UiActionError(400, 'not_a_shortcut', `The app has no message shortcut ${callbackId}.`);
    const channel = field(body, 'channel');
    const conversation = this.host.channel(channel);
    if (!conversation?.members.includes(session.userId))
      throw new UiActionError(404, 'channel_not_found', `No conversation ${channel} for this person`);
    try {
      const result = await session.messageShortcut(channel, field(body, 'ts'), callbackId);
      return { ok: true, delivery: summarize(result) };
    } catch (error) {
      throw new UiActionError(
        404,
        'message_not_found',
        error instanceof Error ? error.message : String(error),
      );
    }
  }

  private userIdByHandle(handle: string): string | undefined {
    const wanted = handle.toLowerCase();
    return this.host
      .users()
      .find((u) => !u.deleted && (u.name.toLowerCase() === wanted || u.displayName.toLowerCase() === wanted))
      ?.id;
  }
}
