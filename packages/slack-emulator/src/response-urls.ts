/**
 * `response_url`s: each answers five times within thirty minutes, then Slack refuses it.
 * The target remembers where the interaction happened, so a response lands in the same place.
 */
import { randomHex } from './ids';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

export interface ResponseTarget {
  userId: string;
  channelId: string;
  /** The message the interaction came from; slash commands have none. */
  original?: { ts: string; ephemeral: boolean };
}

interface ResponseUrlRecord {
  target: ResponseTarget;
  createdAt: number;
  uses: number;
}

export class ResponseUrls {
  private readonly records = new Map<string, ResponseUrlRecord>();

  constructor(private readonly clock: () => number) {}

  /** A new id; the emulator serves it at `/response/<id>`. */
  create(target: ResponseTarget): string {
    const id = randomHex(12);
    this.records.set(id, { target, createdAt: this.clock(), uses: 0 });
    return id;
  }

  use(id: string): { target: ResponseTarget } | { error: 'no_service' | 'expired_url' } {
    const record = this.records.get(id);
    if (!record) return { error: 'no_service' };
    if (record.uses >= RESPONSE_URL_MAX_USES || this.clock() - record.createdAt > RESPONSE_URL_TTL_MS) {
      return { error: 'expired_url' };
    }
    record.uses += 1;
    return { target: record.target };
  }
}
