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
  private readonly open = new Set<() => void>();

  constructor(private readonly host: UiHost) {}

  handle(req: IncomingMessage, res: ServerResponse, userId: string): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    // Reconnect quickly after the emulator restarts; the page re-reads its snapshot on reconnect.
    res.write('retry: 1000\n\n');
    const listener = (event: ChangeEvent) => {
      if (concerns(this.host, event, userId)) res.write(`data: ${JSON.stringify(summary(event))}\n\n`);
    };
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      this.host.off('change', listener);
      this.open.delete(close);
      res.end();
    };
    this.host.on('change', listener);
    this.open.add(close);
    req.on('close', close);
  }

  /** Ends every stream, so the emulator's server can close. */
  closeAll(): void {
    for (const close of [...this.open]) close();
  }
}
