import type { App, BlockButtonAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import {
  type AckResult,
  acknowledge,
  acknowledgementStatus,
} from '../../domain/announcements/acknowledgements';
import { type ChaseResult, chase } from '../../domain/announcements/chase';
import type { SlackDeps } from '../deps';
import { contextOf, runAndReport } from '../interaction';
import { buttonId } from '../payloads';
import type { UserContext } from '../user-context';
import { ackStatusMessage } from '../views/announcements/ack-status.view';
import { ANNOUNCEMENT_ACTIONS } from '../views/announcements/announcement-message.view';
import { escapeMrkdwn } from '../views/blocks';
import { formatDateTime } from '../views/format';

/**
 * The Acknowledge button on posted copies, and the author's/admins' "who has acknowledged" and
 * "chase" buttons. Every answer goes privately to the person who clicked, in their language; the
 * domain decides who may do what (a forged payload is refused like any other click).
 */
const DEFAULT_ACKS = { refreshSeconds: 5, chaseIntervalMinutes: 1440 };

export function registerAckActions(app: App, deps: SlackDeps): void {
  const settings = deps.acks ?? DEFAULT_ACKS;

  app.action<BlockButtonAction>(ANNOUNCEMENT_ACTIONS.ack, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runAndReport(deps, ctx, respond, async () => {
      const result = await acknowledge(body.user.id, buttonId(action) ?? 0, {
        refreshSeconds: settings.refreshSeconds,
        clickedChannel: body.container?.channel_id ?? body.channel?.id,
      });
      if (result.outcome === 'recorded') deps.fanout?.kick();
      return ackText(ctx, result);
    });
  });

  app.action<BlockButtonAction>(
    ANNOUNCEMENT_ACTIONS.ackStatus,
    async ({ ack, body, action, client, context, respond }) => {
      await ack();
      const ctx = await contextOf(deps, body.user.id);
      const id = buttonId(action) ?? 0;
      let reply: { text: string; blocks?: KnownBlock[] } | undefined;
      await runAndReport(deps, ctx, respond, async () => {
        const status = await acknowledgementStatus(body.user.id, id, membersOf(client, context.botUserId));
        if (status.outcome === 'refused') return refusalText(ctx, status.reason, status.reference);
        reply = ackStatusMessage(ctx.t, status, id);
        return undefined;
      });
      if (reply) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...reply,
        });
      }
    },
  );

  app.action<BlockButtonAction>(
    ANNOUNCEMENT_ACTIONS.chase,
    async ({ ack, body, action, client, context, respond }) => {
      await ack();
      const ctx = await contextOf(deps, body.user.id);
      await runAndReport(deps, ctx, respond, async () => {
        const result = await chase(
          body.user.id,
          buttonId(action) ?? 0,
          membersOf(client, context.botUserId),
          settings.chaseIntervalMinutes,
        );
        if (result.outcome === 'chased') deps.fanout?.kick();
        return chaseText(ctx, result);
      });
    },
  );
}

/** A channel's members (every page), without the app's own bot user. */
function membersOf(client: WebClient, botUserId: string | undefined) {
  return async (channel: string): Promise<string[]> => {
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({
        channel,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      members.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members.filter((member) => member !== botUserId);
  };
}

const time = (ctx: UserContext, at: Date) => formatDateTime(at.toISOString(), ctx.locale, ctx.timezone);

function refusalText(
  ctx: UserContext,
  reason: Extract<AckResult, { outcome: 'refused' }>['reason'] | 'not_author',
  reference: string | null,
): string {
  return ctx.t(`ack.refused.${reason}`, { reference: reference ?? '—' });
}

function ackText(ctx: UserContext, result: AckResult): string {
  if (result.outcome === 'refused') return refusalText(ctx, result.reason, result.reference);
  const vars = {
    title: escapeMrkdwn(result.title),
    reference: result.reference,
    time: time(ctx, result.ackedAt),
  };
  return ctx.t(result.outcome === 'recorded' ? 'ack.recorded' : 'ack.already', vars);
}

function chaseText(ctx: UserContext, result: ChaseResult): string {
  switch (result.outcome) {
    case 'refused':
      return refusalText(ctx, result.reason, result.reference);
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
