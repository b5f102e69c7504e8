import type { AckResult } from '../../../domain/announcements/acknowledgements';
import type { ChaseResult } from '../../../domain/announcements/chase';
import type { UserContext } from '../../user-context';
import { escapeMrkdwn } from '../blocks';
import { formatDateTime } from '../format';

/**
 * The private answers to the Acknowledge, "who has acknowledged" and "chase" buttons, in the
 * clicker's language and time zone.
 */
type Reader = Pick<UserContext, 't' | 'locale' | 'timezone'>;

const time = (ctx: Reader, at: Date) => formatDateTime(at.toISOString(), ctx.locale, ctx.timezone);

export function ackRefusalText(
  ctx: Reader,
  reason: Extract<AckResult, { outcome: 'refused' }>['reason'] | 'not_author',
  reference: string | null,
): string {
  return ctx.t(`ack.refused.${reason}`, { reference: reference ?? '—' });
}

export function ackText(ctx: Reader, result: AckResult): string {
  if (result.outcome === 'refused') return ackRefusalText(ctx, result.reason, result.reference);
  const vars = {
    title: escapeMrkdwn(result.title),
    reference: result.reference,
    time: time(ctx, result.ackedAt),
  };
  return ctx.t(result.outcome === 'recorded' ? 'ack.recorded' : 'ack.already', vars);
}

export function chaseText(ctx: Reader, result: ChaseResult): string {
  switch (result.outcome) {
    case 'refused':
      return ackRefusalText(ctx, result.reason, result.reference);
    case 'nobody':
      return ctx.t('ack.chase.nobody', { reference: result.reference });
    case 'too_soon':
      return ctx.t('ack.chase.tooSoon', {
        reference: result.reference,
        last: time(ctx, result.lastAt),
        time: time(ctx, result.nextAt),
      });
    case 'chased':
      return ctx.t('ack.chase.sent', {
        count: result.count,
        reference: result.reference,
        time: time(ctx, result.nextAt),
      });
  }
}
