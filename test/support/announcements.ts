import type { SlackEmulator, SlackMessage } from '@gongwu/slack-emulator';
import { QueryTypes } from 'sequelize';
import type { TestDatabase } from './database';
import { buttonClick, sendInteraction } from './slack-payloads';

/**
 * Driving announcements through the emulator as people do: the composer, the reviewers' cards,
 * the database row, and forged button clicks (a signed block_actions payload someone builds by
 * hand, with a real response_url so the app's refusal can be read).
 */
export const BOT = 'U0SANDBOXBOT';
export const text = (value: unknown) => JSON.stringify(value);
export const seconds = (ms: number) => String(Math.floor(ms / 1000));

export interface AnnouncementRow {
  id: number;
  reference: string;
  status: string;
}

/** The emulator and database of a running app (a RunningPlatform, or a ReplicaStage of app processes). */
export interface AnnouncementStage {
  emulator: SlackEmulator;
  db: Pick<TestDatabase, 'sequelize'>;
}

/** `running` is read when called: test files assign it in beforeAll. */
export function announcementDriver(running: () => AnnouncementStage) {
  const emu = () => running().emulator;

  async function compose(userId: string, fields: Record<string, unknown>) {
    await emu().as(userId).command('/announce', '');
    await emu().waitFor(() => emu().openViews(userId).length > 0, {
      timeoutMs: 5000,
      description: 'composer',
    });
    await emu()
      .as(userId)
      .fillModal(fields as never);
    return emu().as(userId).submitView();
  }

  async function approveCard(userId: string, reference: string): Promise<SlackMessage> {
    const card = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf(userId))
          .find((m) => text(m).includes(reference) && text(m).includes('"wf_approve"')),
      { timeoutMs: 10_000, description: `${userId}'s review card for ${reference}` },
    );
    await emu()
      .as(userId)
      .clickButton({ actionId: 'wf_approve', in: { channel: emu().dmChannelOf(userId), ts: card.ts } });
    return card;
  }

  async function announcementRow(title: string): Promise<AnnouncementRow> {
    const [row] = await running().db.sequelize.query<AnnouncementRow>(
      'SELECT id, reference, status FROM announcements WHERE title = :title ORDER BY id DESC LIMIT 1',
      { type: QueryTypes.SELECT, replacements: { title } },
    );
    if (!row) throw new Error(`no announcement ${title}`);
    return row;
  }

  /**
   * Drafts an item by `author` whose department head `head` approves (normal importance: one
   * step), and waits until it is published and posted in every channel.
   */
  async function publish(
    author: string,
    head: string,
    fields: Record<string, unknown> & { ann_title: string; ann_channels: string[] },
  ): Promise<{ row: AnnouncementRow; copies: Record<string, SlackMessage> }> {
    const submitted = await compose(author, { ann_category: 'notice', ...fields });
    if (submitted.outcome !== 'closed') throw new Error(`composer: ${text(submitted)}`);
    const row = await announcementRow(fields.ann_title);
    await approveCard(head, row.reference);
    const copies = await emu().waitFor(
      () => {
        const found = fields.ann_channels.map((channel) =>
          emu()
            .messages(channel)
            .find((m) => text(m).includes(row.reference)),
        );
        return found.every(Boolean)
          ? Object.fromEntries(fields.ann_channels.map((channel, i) => [channel, found[i]!]))
          : undefined;
      },
      { timeoutMs: 30_000, description: `${row.reference} posted` },
    );
    return { row: await announcementRow(fields.ann_title), copies };
  }

  /**
   * A block_actions payload built by hand for `userId`, as if they had clicked a button with this
   * action_id and value. Its response_url comes from a harmless slash command of theirs (whose own
   * reply has arrived when this resolves), so the app's answer to the forged click lands in their
   * ephemerals like any other reply.
   */
  async function forger(userId: string) {
    const before = emu().ephemerals(userId).length;
    const { responseUrl } = await emu().as(userId).command('/announce', 'help');
    await emu().waitFor(() => emu().ephemerals(userId).length > before, {
      timeoutMs: 5000,
      description: `${userId}'s help reply`,
    });
    const channel = emu().dmChannelOf(userId);
    return (actionId: string, value: string) =>
      sendInteraction(
        emu(),
        buttonClick({
          user: userId,
          channel,
          actionId,
          value,
          responseUrl,
          triggerId: emu().createTriggerId(userId),
        }),
      );
  }

  return { compose, approveCard, announcementRow, publish, forger };
}
