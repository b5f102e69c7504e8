import { z } from 'zod';
import type { ReasonPurpose } from './views/workflows/reason-modal.view';

/**
 * What we read from Slack payloads, validated: a button's value or a modal's private_metadata is
 * client-side data and proves nothing, so it is parsed strictly and the server re-checks rights.
 */
export const MAX_ID = 2_147_483_647;
/**
 * A record id as Slack hands it back: a JSON integer (private_metadata) or a string of decimal
 * digits without sign, leading zero, fraction or exponent (a button's value). Number() would read
 * "1.0", "0x1", " 1" and "1e0" all as 1; they are not ids we wrote, so they are refused.
 */
export const idValue = z
  .union([
    z.number().int(),
    z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/)
      .transform(Number),
  ])
  .pipe(z.number().int().positive().max(MAX_ID));

export const reasonPurposeSchema: z.ZodType<ReasonPurpose> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approve'), taskId: idValue }),
  z.object({ kind: z.literal('reject'), taskId: idValue }),
  z.object({ kind: z.literal('return'), taskId: idValue }),
  z.object({ kind: z.literal('comment'), instanceId: idValue }),
  z.object({ kind: z.literal('transfer'), taskId: idValue }),
]);

/** The /approvals list a modal was opened from (see reasonModal), beside the modal's purpose. */
export const listUrlSchema = z.object({ listUrl: z.string().url().max(1000).optional() });

export function parseJson<T>(schema: z.ZodType<T>, text: string | undefined): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text ?? ''));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** The value of the button that was clicked, as an id; undefined when it is not one. */
export function buttonId(action: { value?: string | undefined } | undefined): number | undefined {
  const result = idValue.safeParse(action?.value);
  return result.success ? result.data : undefined;
}

/**
 * Slack escapes &, < and > in what people type (a slash command's text arrives with `&amp;`),
 * while mentions arrive as real `<@U…>`. Decoding after Slack's own parsing gives back what was
 * typed, so a reason "A & B" is stored as typed.
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
