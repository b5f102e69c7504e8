import type { WebClient } from '@slack/web-api';
import type { FanoutItem } from '../db/repositories/fanout.repository';
import type { FanoutMessage, FanoutSendOutcome, FanoutTransport } from '../delivery/fanout-sender';
import { findEarlierPost, markMetadata, type PostMark } from './message-dedup';
import { classifySlackError } from './slack-errors';

/**
 * The fan-out engine's Slack calls, on a Web API client of its own: a 429 is reported at once
 * (the engine pauses every replica for exactly Retry-After) instead of parking requests inside a
 * client that also answers people's clicks, and nothing is retried behind the engine's back (a
 * hidden retry of a post could outlive the item's lease).
 */

const fanoutMark = (item: FanoutItem): PostMark => ({
  eventType: 'gongwu_fanout',
  key: 'fanout_item_id',
  id: item.id,
});

export function createFanoutTransport(client: WebClient): FanoutTransport {
  return {
    async send(item: FanoutItem, message: FanoutMessage): Promise<FanoutSendOutcome> {
      try {
        switch (item.method) {
          case 'post': {
            const response = await client.chat.postMessage({
              channel: item.channel,
              ...message,
              metadata: markMetadata(fanoutMark(item)),
            } as Parameters<WebClient['chat']['postMessage']>[0]);
            return { kind: 'sent', channel: response.channel ?? item.channel, ts: response.ts ?? null };
          }
          case 'update': {
            await client.chat.update({
              channel: item.channel,
              ts: item.ts ?? '',
              ...message,
            } as Parameters<WebClient['chat']['update']>[0]);
            return { kind: 'sent', channel: item.channel, ts: item.ts ?? null };
          }
          case 'delete': {
            await client.chat.delete({ channel: item.channel, ts: item.ts ?? '' });
            return { kind: 'sent', channel: item.channel, ts: item.ts ?? null };
          }
        }
      } catch (error) {
        const outcome = classifySlackError(error);
        // Deleting what is gone already is what was asked for.
        if (
          item.method === 'delete' &&
          outcome.kind === 'permanent' &&
          outcome.error === 'message_not_found'
        ) {
          return { kind: 'sent', channel: item.channel, ts: item.ts ?? null };
        }
        return outcome;
      }
    },

    async findEarlier(item: FanoutItem): Promise<FanoutSendOutcome | null> {
      try {
        const earlier = await findEarlierPost(client, item.channel, fanoutMark(item));
        return earlier ? { kind: 'sent', ...earlier } : null;
      } catch (error) {
        return classifySlackError(error);
      }
    },
  };
}
