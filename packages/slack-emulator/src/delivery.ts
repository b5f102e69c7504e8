/**
 * Sends what Slack sends to an app. While the app holds a Socket Mode connection everything goes
 * over it (`socket-mode.ts`), as with Slack; otherwise signed HTTP POSTs go to its request URL.
 * Commands and interactivity are form-encoded, events are JSON; Bolt compares the content type
 * exactly, so it carries no charset, as with Slack.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { slackSignatureHeaders } from './signing';

export type DeliveryKind = 'command' | 'interaction' | 'event';

export interface DeliveryResult {
  /** The app's HTTP status; 0 when no response came (see `error`). */
  status: number;
  body: string;
  headers: Record<string, string>;
  durationMs: number;
  /** Why there was no response: `timeout` (Slack gives up after 3 s) or a connection error. */
  error?: string;
  /** How it reached the app. Over Socket Mode `status` is 200 for an acknowledgement and `body` its payload. */
  transport: 'http' | 'socket';
}

export interface DeliverOptions {
  /** HTTP only (Socket Mode needs no signature): a signature to send instead of the correct one; `null` sends none. */
  signature?: string | null;
  /** `X-Slack-Request-Timestamp` in Unix seconds; the signature is computed over it. `null` sends none. */
  timestamp?: number | null;
  /** Extra headers, e.g. `x-slack-retry-num` (over Socket Mode it becomes the envelope's `retry_attempt`). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface SocketDeliveryOptions {
  timeoutMs: number;
  headers: Record<string, string>;
}

/** The app's Socket Mode connections, as the delivery sees them. */
export interface SocketDelivery {
  readonly connected: boolean;
  deliver(kind: DeliveryKind, rawBody: string, opts: SocketDeliveryOptions): Promise<DeliveryResult>;
}

/** Slack waits this long for an acknowledgement before showing the person an error. */
export const SLACK_ACK_TIMEOUT_MS = 3000;

const CONTENT_TYPES: Record<DeliveryKind, string> = {
  command: 'application/x-www-form-urlencoded',
  interaction: 'application/x-www-form-urlencoded',
  event: 'application/json',
};

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export class AppDelivery {
  appUrl: string | undefined;

  constructor(
    private readonly signingSecret: string,
    private readonly clock: () => number,
    private readonly timeoutMs: number,
    appUrl?: string,
    private readonly socket?: SocketDelivery,
  ) {
    this.appUrl = appUrl;
  }

  /** The one way to the app: its Socket Mode connection when it has one open, else HTTP. */
  deliver(kind: DeliveryKind, rawBody: string, opts: DeliverOptions = {}): Promise<DeliveryResult> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    if (this.socket?.connected)
      return this.socket.deliver(kind, rawBody, { timeoutMs, headers: opts.headers ?? {} });
    return this.post(kind, rawBody, opts, timeoutMs);
  }

  private post(
    kind: DeliveryKind,
    rawBody: string,
    opts: DeliverOptions,
    timeoutMs: number,
  ): Promise<DeliveryResult> {
    const target = this.appUrl;
    if (!target) throw new Error('No app URL: pass `appUrl` to SlackEmulator or call setAppUrl() first');
    const url = new URL(target);
    const timestamp = opts.timestamp === undefined ? Math.floor(this.clock() / 1000) : opts.timestamp;
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[kind],
      'content-length': String(Buffer.byteLength(rawBody)),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (timestamp !== null) {
      const signed = slackSignatureHeaders(this.signingSecret, timestamp, rawBody);
      headers['x-slack-request-timestamp'] = signed['x-slack-request-timestamp'];
      if (opts.signature === undefined) headers['x-slack-signature'] = signed['x-slack-signature'];
    }
    if (typeof opts.signature === 'string') headers['x-slack-signature'] = opts.signature;
    Object.assign(headers, opts.headers);

    const started = Date.now();
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<DeliveryResult>((resolve) => {
      const done = (result: Omit<DeliveryResult, 'durationMs' | 'transport'>) => {
        clearTimeout(timer);
        resolve({ ...result, durationMs: Date.now() - started, transport: 'http' });
      };
      // No keep-alive: each delivery is its own connection, so nothing lingers after stop().
      const req = send(url, { method: 'POST', headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: flattenHeaders(res.headers),
          }),
        );
        res.on('error', (error) => done({ status: 0, body: '', headers: {}, error: error.message }));
      });
      const timer = setTimeout(() => {
        req.destroy();
        done({ status: 0, body: '', headers: {}, error: 'timeout' });
      }, timeoutMs);
      req.on('error', (error) => done({ status: 0, body: '', headers: {}, error: error.message }));
      req.end(rawBody);
    });
  }
}
