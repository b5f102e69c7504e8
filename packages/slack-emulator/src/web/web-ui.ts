/**
 * The local workspace as a web page, on the emulator's own server (same origin as its API):
 * `GET /` (for browsers) is the page, `/_ui/static/*` its files, `/_ui/app` the app's manifest
 * facts, `/_ui/state` one person's snapshot, `/_ui/events` a live stream of changes, `/_ui/file/*`
 * a file as its viewer may download it, and `POST /_ui/<action>` what a person does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from '../http-util';
import { isObject, tryParseJson } from '../json';
import { UiActionError, UiActions } from './actions';
import { UiEventStreams } from './events';
import type { UiHost } from './host';
import { type AppManifestInfo, readManifest } from './manifest';
import { buildSnapshot, person } from './snapshot';
import { SECURITY_HEADERS, sendStatic } from './static-files';

export interface WebUiOptions {
  /** The app's manifest (JSON): its name, slash commands and usage hints. */
  manifestPath?: string | undefined;
  /** Whom the page shows first when the browser has no choice of its own (its Home tab). */
  startAs?: string | undefined;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * A page on 127.0.0.1 can still be reached by other sites through the person's browser: DNS
 * rebinding (a foreign Host header) and cross-site form posts (a foreign Origin, or a body that
 * is not JSON, which browsers send without asking). Both are refused.
 */
function trusted(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  const hostname = host.replace(/:\d+$/, '');
  const local = req.socket.localAddress ?? '';
  if (!LOOPBACK_NAMES.has(hostname) && hostname !== local && hostname !== `[${local}]`) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return false;
  return req.headers['sec-fetch-site'] !== 'cross-site';
}

function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

export class WebUi {
  private readonly streams: UiEventStreams;
  private readonly actions: UiActions;

  constructor(
    private readonly host: UiHost,
    private readonly options: WebUiOptions = {},
  ) {
    this.streams = new UiEventStreams(host);
    this.actions = new UiActions(host, () => this.manifest());
  }

  private manifest(): Promise<AppManifestInfo> {
    return readManifest(this.options.manifestPath);
  }

  /** Handles the page's routes; returns false for anything else (the emulator's own routes). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const isPage = url.pathname === '/' && req.method === 'GET' && wantsHtml(req);
    if (!isPage && !url.pathname.startsWith('/_ui/')) return false;
    if (!trusted(req)) {
      sendJson(res, 403, { ok: false, error: 'forbidden', detail: 'cross-site request refused' });
      return true;
    }
    if (isPage) {
      await sendStatic(res, 'index.html');
      return true;
    }
    const path = url.pathname.slice('/_ui/'.length);
    if (req.method === 'GET') await this.get(req, res, path, url.searchParams);
    else if (req.method === 'POST') await this.post(req, res, path, body);
    else sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
    return true;
  }

  close(): void {
    this.streams.closeAll();
  }

  private async get(req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams) {
    const staticFile = /^static\/([^/]+)$/.exec(path);
    if (staticFile?.[1]) {
      await sendStatic(res, staticFile[1]);
      return;
    }
    const file = /^file\/(F[A-Z0-9]+)$/.exec(path);
    if (file?.[1]) {
      this.sendFile(res, file[1], params.get('user') ?? '');
      return;
    }
    switch (path) {
      case 'app': {
        const info = await this.manifest();
        const people = this.host
          .users()
          .filter((u) => !u.isBot)
          .map(person);
        sendJson(
          res,
          200,
          {
            ok: true,
            team: { id: this.host.teamId, name: this.host.teamName },
            app: info,
            people,
            startAs: this.options.startAs ?? null,
          },
          SECURITY_HEADERS,
        );
        return;
      }
      case 'state': {
        const snapshot = buildSnapshot(this.host, params.get('user') ?? '');
        if (!snapshot) sendJson(res, 404, { ok: false, error: 'user_not_found' }, SECURITY_HEADERS);
        else sendJson(res, 200, { ok: true, ...snapshot }, SECURITY_HEADERS);
        return;
      }
      case 'events': {
        const userId = params.get('user') ?? '';
        if (!this.host.user(userId)) sendJson(res, 404, { ok: false, error: 'user_not_found' });
        else this.streams.handle(req, res, userId);
        return;
      }
      default:
        sendJson(res, 404, { ok: false, error: 'not_found' });
    }
  }

  private async post(req: IncomingMessage, res: ServerResponse, action: string, raw: Buffer) {
    // JSON only: a browser must ask (CORS preflight, which is never granted) before sending it cross-site.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendJson(res, 415, { ok: false, error: 'unsupported_media_type' });
      return;
    }
    const parsed = tryParseJson(raw.toString('utf8'));
    if (!parsed.ok || !isObject(parsed.value)) {
      sendJson(res, 400, { ok: false, error: 'invalid_json' });
      return;
    }
    try {
      sendJson(res, 200, await this.actions.run(action, parsed.value));
    } catch (error) {
      if (error instanceof UiActionError) {
        sendJson(res, error.status, { ok: false, error: error.code, detail: error.message });
        return;
      }
      // The emulator's own refusals (no such button, a value the field cannot take) read well as they are.
      const detail = error instanceof Error ? error.message : String(error);
      sendJson(res, 400, { ok: false, error: 'refused', detail });
    }
  }

  /**
   * A file as its viewer downloads it: only someone who uploaded it or belongs to a conversation
   * it was shared in, and always as an attachment of an opaque type, so an uploaded HTML file
   * can never run as a page of this origin.
   */
  private sendFile(res: ServerResponse, id: string, userId: string): void {
    const file = this.host.file(id);
    const visible =
      file &&
      (file.user === userId || file.channels.some((c) => this.host.channel(c)?.members.includes(userId)));
    if (!file || !visible) {
      sendText(res, 404, 'Not Found');
      return;
    }
    const asciiName = file.name.replace(/[^\w.-]+/g, '_');
    res.setHeader(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    for (const [header, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(header, value);
    sendText(res, 200, file.content, 'application/octet-stream');
  }
}
