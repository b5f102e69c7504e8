import { randomBytes, randomInt } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomChars(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** An id shaped like Slack's: a type letter (`U`, `C`, `V`, `B`…) then upper-case alphanumerics. */
export function slackId(prefix: string, length = 10): string {
  return prefix + randomChars(UPPER_ALNUM, length);
}

/** Slack fills in missing `block_id` / `action_id` with short random strings such as `Xa3kQ`. */
export function generatedBlockKitId(): string {
  return randomChars(MIXED_ALNUM, 5);
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Trigger ids look like `12345.98765.abcd2358fdea`; apps only ever pass them back opaquely. */
export function triggerId(nowMs: number): string {
  return `${Math.floor(nowMs / 1000)}.${randomInt(1e9, 1e10)}.${randomHex(16)}`;
}

/**
 * Message timestamps are ids in Slack (`1700000000.000100`): unique per channel and increasing.
 * Two messages in the same microsecond get consecutive values instead of colliding.
 */
export class MessageTsGenerator {
  private lastMicros = 0;

  constructor(private readonly clock: () => number) {}

  /** Every later ts is greater than `ts` (seconds, as in a message's ts). */
  after(ts: number): void {
    this.lastMicros = Math.max(this.lastMicros, Math.round(ts * 1e6));
  }

  next(): string {
    const micros = Math.max(Math.floor(this.clock() * 1000), this.lastMicros + 1);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1e6);
    return `${seconds}.${String(micros % 1e6).padStart(6, '0')}`;
  }
}
