import type { PersonRecord } from '../org/model';
import type { Tx } from '../tx';
import { hiddenFrom, inAudience, mayManage } from './access';
import type { AnnouncementDeps } from './deps';
import { PURPOSES } from './fanout-items';
import type { AckRecord, AnnouncementRow, VersionRow } from './model';
import type { Publication } from './publication.service';

/**
 * Acknowledgements (已讀確認): a click records (announcement, person, time) once per person,
 * whatever the number of clicks, and asks for the posted copies' "N acknowledged" line to be
 * refreshed — coalesced into one update per copy per time slot, so a thousand clicks a minute
 * cost a handful of chat.update calls. Clicks from outside a restricted item's audience, on an
 * item that does not ask for acknowledgement, or on one no longer published are refused. Guests
 * may acknowledge what they were shown: an acknowledgement changes nothing but the count.
 */

export type AckRefusal = 'not_found' | 'closed' | 'no_ack' | 'not_audience';

export type AckResult =
  | { outcome: 'recorded' | 'already'; ackedAt: Date; reference: string; title: string }
  | { outcome: 'refused'; reason: AckRefusal; reference: string | null };

type Published =
  | { ok: true; row: AnnouncementRow; version: VersionRow }
  | { ok: false; refusal: AckRefusal; row: AnnouncementRow | null };

/** The time slot a refresh is coalesced into, and when it ends (the refresh is sent then). */
export function refreshSlot(now: Date, refreshSeconds: number): { slot: number; endsAt: Date } {
  const length = refreshSeconds * 1000;
  const slot = Math.floor(now.getTime() / length);
  return { slot, endsAt: new Date((slot + 1) * length) };
}

/** Who is expected to acknowledge: the audience of a restricted item, else the copies' readers. */
export type MembersOf = (channel: string) => Promise<string[]>;

export type StatusResult =
  | {
      outcome: 'ok';
      reference: string;
      title: string;
      acknowledged: AckRecord[];
      /** Slack user ids of the expected readers who have not acknowledged. */
      pending: string[];
    }
  | { outcome: 'refused'; reason: AckRefusal | 'not_author'; reference: string | null };

export type Acknowledgements = ReturnType<typeof createAcknowledgements>;

export function createAcknowledgements(
  { store, reviews, audit, clock }: Pick<AnnouncementDeps, 'store' | 'reviews' | 'audit' | 'clock'>,
  publication: Pick<Publication, 'audienceMembers'>,
) {
  /** An announcement a person may act on: published (its time has come), with its shown version. */
  async function publishedItem(id: number, now: Date, tx?: Tx): Promise<Published> {
    const row = await store.findAnnouncement(id, tx);
    if (!row || row.publishedVersion === null) return { ok: false, refusal: 'not_found', row };
    if (row.status !== 'published') return { ok: false, refusal: 'closed', row };
    if (row.publishAt && row.publishAt > now) return { ok: false, refusal: 'not_found', row };
    const version = await store.findApprovedVersion(row.id, row.publishedVersion, tx);
    if (!version) return { ok: false, refusal: 'not_found', row };
    return { ok: true, row, version };
  }

  /** The "N acknowledged" of posted copies (rendered by announce's post purpose at send time). */
  const acknowledgementCount = (announcementId: number): Promise<number> => store.countAcks(announcementId);

  /** An active person an item is addressed to (anyone, for an item for everyone). */
  async function isReader(person: PersonRecord, announcementId: number): Promise<boolean> {
    const row = await store.findAnnouncement(announcementId);
    return row !== null && person.status === 'active' && inAudience(person, row);
  }

  async function acknowledge(
    slackUserId: string,
    announcementId: number,
    options: {
      refreshSeconds: number;
      /** The conversation the button was clicked in: a DM copy is refreshed too. */
      clickedChannel?: string | undefined;
      now?: Date;
    },
  ): Promise<AckResult> {
    const now = options.now ?? clock.now();
    return store.inTransaction(async (tx) => {
      const person = await reviews.requireActive(slackUserId, tx);
      const item = await publishedItem(announcementId, now, tx);
      // Outside a restricted item's audience: told what a reference that does not exist gets.
      if (item.row && hiddenFrom(person, item.row))
        return { outcome: 'refused', reason: 'not_found', reference: null };
      const reference = item.row?.reference ?? null;
      if (!item.ok) return { outcome: 'refused', reason: item.refusal, reference };
      const { row, version } = item;
      if (!version.requireAck) return { outcome: 'refused', reason: 'no_ack', reference };
      // Its manager outside the audience (an admin of another department): not a reader.
      if (!inAudience(person, row)) return { outcome: 'refused', reason: 'not_audience', reference };

      const ack = await store.insertAck(row.id, person.id, tx);
      const result = { reference: row.reference, title: version.title, ackedAt: ack.ackedAt };
      if (!ack.inserted) return { outcome: 'already', ...result };
      await audit(tx, {
        actor: slackUserId,
        action: 'announcement.acknowledged',
        subjectType: 'announcement',
        subjectId: String(row.id),
        after: { personId: person.id, at: ack.ackedAt.toISOString() },
      });
      await queueCountRefresh(row.id, options, now, tx);
      return { outcome: 'recorded', ...result };
    });
  }

  /**
   * One `update` of each channel copy per slot (the item key makes the rest of the slot's clicks
   * no-ops), sent when the slot ends and rendered then with the count of that moment. DM copies are
   * seen by one person each: only the one clicked in is refreshed.
   */
  async function queueCountRefresh(
    announcementId: number,
    options: { refreshSeconds: number; clickedChannel?: string | undefined },
    now: Date,
    tx: Tx,
  ): Promise<void> {
    const { slot, endsAt } = refreshSlot(now, options.refreshSeconds);
    const copies = (await store.listPosts(announcementId, tx)).filter(
      (post) =>
        post.state === 'posted' && (!post.channel.startsWith('D') || post.channel === options.clickedChannel),
    );
    await store.insertFanoutItems(
      copies.map((post) => ({
        itemKey: `ann-${announcementId}-ackrefresh-${post.channel}-${slot}`,
        batchKey: `ann-${announcementId}-ackrefresh`,
        purpose: PURPOSES.post,
        method: 'update' as const,
        channel: post.channel,
        ts: post.ts,
        subject: { announcementId },
        notBefore: endsAt,
        priority: 1,
      })),
      tx,
    );
  }

  /** For the author and admins only. `membersOf` lists a channel's members (the Slack layer asks Slack). */
  async function acknowledgementStatus(
    viewerSlackId: string,
    announcementId: number,
    membersOf: MembersOf,
    now = clock.now(),
  ): Promise<StatusResult> {
    const viewer = await reviews.requireActive(viewerSlackId);
    const item = await publishedItem(announcementId, now);
    if (item.row && hiddenFrom(viewer, item.row))
      return { outcome: 'refused', reason: 'not_found', reference: null };
    const reference = item.row?.reference ?? null;
    if (item.row && !mayManage(viewer, item.row))
      return { outcome: 'refused', reason: 'not_author', reference };
    if (!item.ok) return { outcome: 'refused', reason: item.refusal, reference };
    if (!item.version.requireAck) return { outcome: 'refused', reason: 'no_ack', reference };
    const expected = await expectedReaders(item.row, membersOf);
    const acknowledged = await store.listAcks(item.row.id);
    const done = new Set(acknowledged.map((ack) => ack.slackUserId));
    return {
      outcome: 'ok',
      reference: item.row.reference,
      title: item.version.title,
      acknowledged,
      pending: expected.filter((id) => !done.has(id)),
    };
  }

  /**
   * A restricted item is for its audience only (never a private channel's other members); an
   * everyone item for the members of the channels it was posted in. Either way only active people
   * of the directory count, and never the author: a suspended person cannot acknowledge, and the
   * author is not chased for their own item.
   */
  async function expectedReaders(row: AnnouncementRow, membersOf: MembersOf): Promise<string[]> {
    const org = await store.inTransaction((tx) => store.loadOrgSnapshot(tx));
    const readers = new Set<string>();
    if (row.audience === 'departments') {
      for (const id of await publication.audienceMembers(row.audienceDepartmentIds)) readers.add(id);
    } else {
      const copies = (await store.listPosts(row.id)).filter((post) => post.state === 'posted');
      for (const copy of copies) {
        if (/^[UW]/.test(copy.target)) readers.add(copy.target);
        else for (const member of await membersOf(copy.channel)) readers.add(member);
      }
    }
    const counted = new Set(
      org.people
        .filter(
          (person) => person.status === 'active' && person.slackUserId && person.id !== row.authorPersonId,
        )
        .map((person) => person.slackUserId as string),
    );
    return [...readers].filter((slackId) => counted.has(slackId));
  }

  return { acknowledge, acknowledgementCount, acknowledgementStatus, isReader };
}
