import { createHmac } from 'node:crypto';

/**
 * Slack's request signature: `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`).
 * The raw body is signed byte for byte, so callers must send exactly the string they signed.
 */
export function computeSlackSignature(
  signingSecret: string,
  timestampSec: number | string,
  rawBody: string,
): string {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`);
  return `v0=${hmac.digest('hex')}`;
}

export function slackSignatureHeaders(
  signingSecret: string,
  timestampSec: number,
  rawBody: string,
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  return {
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': computeSlackSignature(signingSecret, timestampSec, rawBody),
  };
}
