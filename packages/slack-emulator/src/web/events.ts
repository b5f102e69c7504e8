/**
 * `/_ui/events`: a server-sent event stream per open page, fed by the emulator's `change` events.
 * Each event says only what changed (kind, channel, action); the page then re-reads its snapshot,
 * so a missed event never leaves it showing stale state, and nothing private rides the stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChangeEvent } from '../types';
import type { UiHost } from './host';

/** Proxies and browsers drop idle streams; a comment line every so often keeps them open. */
const HEARTBEAT_MS = 15_000;

export interface UiEvent {
  type: ChangeEvent['type'];
  action: string;
  channel?: string;
}

/** Whether a change is something `userId` could see: their views, their channels, everyone's people. */
export function concerns(host: UiHost, event: ChangeEvent, userId: string): boolean {
  switch (event.type) {
    case 'user':
    case 'channel':
      return true;
    case 'message':
      return host.channel(event.channel)?.members.includes(userId) ?? false;
    case 'ephemeral':
    case 'view':
    case 'home':
      return event.user === userId;
    case 'file':
      // Files show up through the message that shares them, which has its own event.
      return false;
  }
}

function summary(event: ChangeEvent): UiEvent {
  const channel = event.type === 'message' || event.type === 'ephemeral' ? event.channel : undefined;
  return { type: event.type, action: event.action, ...(channel ? { channel } : {}) };
}

export class UiEventStreams {
  /** Each open page's stream: whom it shows and how to end it. */
  private readonly open = new Map<ServerResponse, { userId: string; close: () => void }>();
  private listening = false;

  constructor(private readonly host: UiHost) {}

  /**
   * One listener on the emulator for every page, added with the first stream: a listener per
   * stream piled up on the emulator while pages switched person faster than the browser closed
   * their old streams (MaxListenersExceededWarning after about a dozen switches).
   */
  private readonly onChange = (event: ChangeEvent) => {
    for (const [res, stream] of this.open)
      if (concerns(this.host, event, stream.userId)) res.write(`data: ${JSON.stringify(summary(event))}\n\n`);
  };

  handle(req: IncomingMessage, res: ServerResponse, userId: string): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    // Reconnect quickly after the emulator restarts; the page re-reads its snapshot on reconnect.
    res.write('retry: 1000\n\n');
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      if (!this.open.delete(res)) return;
      clearInterval(heartbeat);
      res.end();
      if (this.open.size === 0 && this.listening) {
        this.host.off('change', this.onChange);
        this.listening = false;
      }
    };
    this.open.set(res, { userId, close });
    if (!this.listening) {
      this.host.on('change', this.onChange);
      this.listening = true;
    }
    req.on('close', close);
    res.on('close', close);
  }

  /** Streams open now (for tests). */
  get size(): number {
    return this.open.size;
  }

  /** Ends every stream, so the emulator's server can close. */
  closeAll(): void {
    for (const { close } of [...this.open.values()]) close();
  }
}
