/**
 * The emulator's HTTP surface, apart from the state it serves: the Web API (`/api/<method>`),
 * `response_url`s, file upload URLs and `url_private` downloads, then the web page's routes.
 * Every route reads and changes state only through the objects it is given.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackApiError } from './api-error';
import type { FilesState } from './files-state';
import { mediaType, parseMultipart, readBodyBytes, sendJson, sendText } from './http-util';
import { isObject, tryParseJson } from './json';
import { applyMessageResponse } from './message-responses';
import type { ResponseUrls } from './response-urls';
import type { WebUi } from './web/web-ui';
import type { ApiCallRecord, WebApi } from './web-api';
import type { WorkspaceState } from './workspace-state';

/** What the routes serve: the emulator's state and services, owned by `SlackEmulator`. */
export interface RoutesHost {
  teamId: string;
  botToken: string;
  clock: () => number;
  workspace: WorkspaceState;
  files: FilesState;
  responseUrls: ResponseUrls;
  webApi: WebApi;
  webUi: WebUi;
}

export class HttpRoutes {
  constructor(private readonly host: RoutesHost) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const bytes = await readBodyBytes(req);
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (api?.[1] && (req.method === 'POST' || req.method === 'GET')) {
      await this.host.webApi.handle(req, res, api[1], url.searchParams, bytes);
      return;
    }
    const response = /^\/response\/([a-f0-9]+)$/.exec(url.pathname);
    if (response?.[1] && req.method === 'POST') {
      this.handleResponseUrl(res, response[1], bytes.toString('utf8'));
      return;
    }
    const upload = /^\/upload\/v1\/([a-f0-9]+)$/.exec(url.pathname);
    if (upload?.[1] && req.method === 'POST') {
      await this.handleUpload(req, res, upload[1], bytes);
      return;
    }
    const download = /^\/files-pri\/([A-Z0-9]+-F[A-Z0-9]+)\/(?:download\/)?[^/]+$/.exec(url.pathname);
    if (download?.[1] && req.method === 'GET') {
      this.handleDownload(req, res, download[1]);
      return;
    }
    if (await this.host.webUi.handle(req, res, url, bytes)) return;
    if (url.pathname === '/' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, emulator: 'slack', team_id: this.host.teamId });
      return;
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  private handleResponseUrl(res: ServerResponse, id: string, rawBody: string): void {
    const answer = (
      status: number,
      body: { ok: boolean; error?: string },
      args: Record<string, unknown> = {},
    ) => {
      const record: ApiCallRecord = {
        method: 'response_url',
        args,
        at: this.host.clock(),
        status,
        ok: body.ok,
      };
      if (body.error) record.error = body.error;
      this.host.webApi.recordCall(record);
      sendJson(res, status, body);
    };
    const parsed = tryParseJson(rawBody);
    const payload = parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
    const used = this.host.responseUrls.use(id);
    if ('error' in used) {
      answer(404, { ok: false, error: used.error }, payload ?? {});
      return;
    }
    if (!payload) {
      answer(400, { ok: false, error: 'invalid_payload' });
      return;
    }
    try {
      applyMessageResponse(this.host.workspace, used.target, payload, 'response_url');
      answer(200, { ok: true }, payload);
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      answer(400, { ok: false, error: error.code }, payload);
    }
  }

  /**
   * An upload URL from files.getUploadURLExternal: the bytes, raw or as the file part of a
   * multipart form (WebClient.filesUploadV2 sends a form), answered `OK - <bytes>` as Slack does.
   */
  private async handleUpload(req: IncomingMessage, res: ServerResponse, key: string, body: Buffer) {
    const answer = (status: number, text: string, args: Record<string, unknown>, error?: string) => {
      const record: ApiCallRecord = {
        method: 'upload_url',
        args,
        at: this.host.clock(),
        status,
        ok: status === 200,
      };
      if (error) record.error = error;
      this.host.webApi.recordCall(record);
      sendText(res, status, text);
    };
    let bytes = body;
    if (mediaType(req.headers['content-type']) === 'multipart/form-data') {
      const form = await parseMultipart(req.headers['content-type'] ?? '', body);
      const fields = Object.values(form?.fields ?? {});
      const part =
        form?.files[0]?.bytes ??
        (fields.length === 1 && fields[0] !== undefined ? Buffer.from(fields[0]) : undefined);
      if (!part) {
        answer(400, 'multipart body without a file part', {}, 'invalid_form_data');
        return;
      }
      bytes = part;
    }
    const result = this.host.files.receiveUpload(key, bytes);
    if (!result.ok) {
      answer(404, 'Not Found', { length: bytes.length }, 'upload_url_not_found');
      return;
    }
    answer(200, `OK - ${result.size}`, { file_id: result.id, length: result.size });
  }

  /**
   * A file's `url_private`: its bytes for a request with the bot token; without it Slack answers
   * with its sign-in page (HTTP 200, HTML), which apps that forget the token must notice.
   */
  private handleDownload(req: IncomingMessage, res: ServerResponse, teamAndId: string): void {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== this.host.botToken) {
      sendText(
        res,
        200,
        '<!DOCTYPE html><html><body>Sign in to Slack</body></html>',
        'text/html; charset=utf-8',
      );
      return;
    }
    const file = this.host.files.download(teamAndId);
    if (!file) {
      sendText(res, 404, 'Not Found');
      return;
    }
    sendText(res, 200, file.content, file.mimetype);
  }
}
