import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for the app behind the emulator, for page tests that need no product: records what
 * Slack delivered (commands, interactions, events) and answers as the test says.
 */
export type Delivered =
  | { kind: 'command'; payload: Record<string, string> }
  | { kind: 'interaction'; payload: Record<string, unknown> }
  | { kind: 'event'; payload: Record<string, unknown> };

export type Answer = Record<string, unknown> | undefined;

export class FakeApp {
  readonly received: Delivered[] = [];
  answer: (delivered: Delivered) => Answer = () => undefined;
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const delivered = this.parse(req.headers['content-type'] ?? '', raw);
        this.received.push(delivered);
        const answer = this.answer(delivered);
        if (answer === undefined) res.writeHead(200).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
  }

  private parse(contentType: string, raw: string): Delivered {
    if (contentType.startsWith('application/json')) return { kind: 'event', payload: JSON.parse(raw) };
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (form.payload) return { kind: 'interaction', payload: JSON.parse(form.payload) };
    return { kind: 'command', payload: form };
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/slack/events`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  interactions(type: string): Record<string, unknown>[] {
    return this.received.flatMap((d) =>
      d.kind === 'interaction' && d.payload.type === type ? [d.payload] : [],
    );
  }
}
