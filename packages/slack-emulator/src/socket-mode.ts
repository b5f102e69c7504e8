/**
 * Slack's side of Socket Mode. `apps.connections.open` hands the app a single-use WebSocket URL;
 * the app connects, is greeted with `hello`, and from then on people's actions reach it as
 * envelopes on the socket instead of signed HTTP POSTs. The app acknowledges an envelope by
 * sending back its `envelope_id`, optionally with a `payload` that Slack treats exactly like the
 * body of an HTTP response, so acknowledgements come back as the same `DeliveryResult`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { DeliveryKind, DeliveryResult, SocketDelivery, SocketDeliveryOptions } from './delivery';
import { parseForm } from './http-util';
import { randomHex } from './ids';
import { isObject, type JsonObject, tryParseJson } from './json';

/** Where the URLs handed out by `apps.connections.open` point, followed by the ticket. */
export const SOCKET_MODE_PATH = '/socket-mode/';

const ENVELOPE_TYPES: Record<DeliveryKind, string> = {
  command: 'slash_commands',
  interaction: 'interactive',
  event: 'events_api',
};

/** Interactive payloads whose acknowledgement Slack reads (`response_action`, options). */
const INTERACTIONS_WITH_RESPONSE = new Set(['view_submission', 'block_suggestion']);

interface PendingAck {
  resolve: (result: DeliveryResult) => void;
  timer: NodeJS.Timeout;
  started: number;
}

/**
 * The same bodies as over HTTP, decoded: a command is its form fields as an object, interactivity
 * is the JSON inside the `payload` field, an event is the event_callback itself.
 */
function payloadFor(kind: DeliveryKind, rawBody: string): JsonObject {
  if (kind === 'command') return parseForm(rawBody);
  const parsed = tryParseJson(kind === 'event' ? rawBody : (parseForm(rawBody).payload ?? ''));
  if (!parsed.ok || !isObject(parsed.value))
    throw new Error(`A ${kind} body that is not a JSON object cannot go over Socket Mode`);
  return parsed.value;
}

export class SocketModeServer implements SocketDelivery {
  // No server of its own: the emulator's HTTP server hands over its upgrade requests.
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  /** Connections that receive envelopes; one told to reconnect leaves this set at once. */
  private readonly live: WebSocket[] = [];
  private readonly all = new Set<WebSocket>();
  private readonly pending = new Map<string, PendingAck>();
  private turn = 0;

  constructor(private readonly appId: string) {}

  /** A fresh path for `apps.connections.open`; its ticket works for one connection only. */
  issuePath(): string {
    const ticket = randomHex(16);
    this.tickets.add(ticket);
    return `${SOCKET_MODE_PATH}${ticket}`;
  }

  get connections(): number {
    return this.live.length;
  }

  get connected(): boolean {
    return this.live.length > 0;
  }

  /** For the HTTP server's `upgrade` event: accepts a valid ticket once, refuses everything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const ticket = path.startsWith(SOCKET_MODE_PATH) ? path.slice(SOCKET_MODE_PATH.length) : undefined;
    if (!ticket || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.all.add(ws);
    this.live.push(ws);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onAck(data);
    });
    ws.on('close', () => this.forget(ws));
    // A reset connection shows up as 'close' too; without a listener 'error' would throw.
    ws.on('error', () => this.forget(ws));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.live.length,
        debug_info: { host: 'sandbox-applink', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
  }

  private forget(ws: WebSocket): void {
    this.all.delete(ws);
    const index = this.live.indexOf(ws);
    if (index >= 0) this.live.splice(index, 1);
  }

  private onAck(data: RawData): void {
    const parsed = tryParseJson(data.toString());
    if (!parsed.ok || !isObject(parsed.value) || typeof parsed.value.envelope_id !== 'string') return;
    const pending = this.pending.get(parsed.value.envelope_id);
    // Slack ignores acknowledgements of envelopes it does not wait for (late, repeated, unknown).
    if (!pending) return;
    this.pending.delete(parsed.value.envelope_id);
    clearTimeout(pending.timer);
    const payload = parsed.value.payload;
    // The client sends `payload: {}` for a bare ack(): the same as an empty HTTP 200.
    const empty = payload === undefined || (isObject(payload) && Object.keys(payload).length === 0);
    pending.resolve({
      status: 200,
      body: empty ? '' : JSON.stringify(payload),
      headers: {},
      durationMs: Date.now() - pending.started,
      transport: 'socket',
    });
  }

  deliver(kind: DeliveryKind, rawBody: string, opts: SocketDeliveryOptions): Promise<DeliveryResult> {
    // Slack spreads envelopes over an app's open connections.
    const ws = this.live[this.turn++ % this.live.length];
    if (!ws) throw new Error('No Socket Mode connection is open');
    const payload = payloadFor(kind, rawBody);
    const envelopeId = randomUUID();
    const envelope: JsonObject = {
      envelope_id: envelopeId,
      type: ENVELOPE_TYPES[kind],
      payload,
      accepts_response_payload:
        kind === 'command' ||
        (kind === 'interaction' && INTERACTIONS_WITH_RESPONSE.has(String(payload.type))),
    };
    if (kind === 'event') {
      // What HTTP carries in X-Slack-Retry-Num / -Reason, Socket Mode carries in the envelope.
      envelope.retry_attempt = Number(opts.headers['x-slack-retry-num'] ?? 0);
      envelope.retry_reason = opts.headers['x-slack-retry-reason'] ?? '';
    }
    const started = Date.now();
    return new Promise<DeliveryResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        resolve({
          status: 0,
          body: '',
          headers: {},
          durationMs: Date.now() - started,
          error: 'timeout',
          transport: 'socket',
        });
      }, opts.timeoutMs);
      this.pending.set(envelopeId, { resolve, timer, started });
      ws.send(JSON.stringify(envelope));
    });
  }

  /**
   * Slack's `disconnect` (`refresh_requested`), sent before it recycles a connection: the app is
   * expected to open a new one. Nothing more is sent on the old ones. Returns how many were told.
   */
  requestReconnect(): number {
    const told = this.live.splice(0);
    for (const ws of told) {
      ws.send(
        JSON.stringify({
          type: 'disconnect',
          reason: 'refresh_requested',
          debug_info: { host: 'sandbox-applink' },
        }),
      );
    }
    return told.length;
  }

  /** Drops every connection (the HTTP server cannot close while upgraded sockets stay open). */
  close(): void {
    for (const ws of this.all) ws.terminate();
    this.all.clear();
    this.live.length = 0;
    this.tickets.clear();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve({
        status: 0,
        body: '',
        headers: {},
        durationMs: Date.now() - pending.started,
        error: 'connection closed',
        transport: 'socket',
      });
      this.pending.delete(id);
    }
  }
}
