import type { FanoutItem, FanoutItemInsert, PostRow } from './model';

/**
 * The fan-out items of announcements, with deterministic keys: inserting one twice is a no-op,
 * so a retried approval, a repeated settle hook or a reconciliation can never send twice.
 * Subjects carry ids only; every item is rendered from the current state when it is sent.
 */
export const PURPOSES = {
  /** A copy of the announcement: posted, or updated in place after a correction. */
  post: 'announcement.post',
  /** A posted copy replaced by the "withdrawn" notice, or deleted. */
  withdrawn: 'announcement.withdrawn',
  /** A DM to the author: published, a target failed, withdrawn. */
  notice: 'announcement.notice',
} as const;

export type NoticeKind = 'published' | 'failed' | 'withdrawn' | 'expired';

export interface PostSubject {
  announcementId: number;
  /** A withdrawal of a chase DM rather than of a posted copy (no post row to mark). */
  chase?: boolean;
}

export interface NoticeSubject {
  announcementId: number;
  notice: NoticeKind;
  /** For `failed`: the target and Slack's error code. */
  target?: string;
  error?: string;
}

/** A chase DM (催讀): one per person who has not acknowledged, per round. */
export const CHASE_PURPOSE = 'announcement.chase';

export interface ChaseSubject {
  announcementId: number;
  /** On an update of a sent chase DM (addressed to its conversation): the person chased. */
  person?: string;
}

export const chaseBatch = (announcementId: number, round: number) => `ann-${announcementId}-chase-${round}`;

export const publishBatch = (id: number) => `ann-${id}-publish`;
/** The author's DMs about an item (published, a failed target, withdrawn, expired). */
export const noticeBatch = (id: number) => `ann-${id}-notices`;

export function postItems(
  announcementId: number,
  targets: readonly string[],
  notBefore: Date | null,
): FanoutItemInsert[] {
  return targets.map((target) => ({
    itemKey: `ann-${announcementId}-post-${target}`,
    batchKey: publishBatch(announcementId),
    purpose: PURPOSES.post,
    method: 'post',
    channel: target,
    subject: { announcementId } satisfies PostSubject,
    notBefore,
  }));
}

/** After a correction: every posted copy shows version `version`. */
export function updateItems(
  announcementId: number,
  version: number,
  posts: readonly PostRow[],
): FanoutItemInsert[] {
  return posts
    .filter((post) => post.state === 'posted')
    .map((post) => ({
      itemKey: `ann-${announcementId}-v${version}-update-${post.channel}`,
      batchKey: `ann-${announcementId}-v${version}-update`,
      purpose: PURPOSES.post,
      method: 'update',
      channel: post.channel,
      ts: post.ts,
      subject: { announcementId } satisfies PostSubject,
    }));
}

/**
 * Chase DMs replaced like the copies when the item is withdrawn (or deleted in `delete` mode): their
 * Acknowledge button can no longer work. Keyed by the chase item: a DM copy in the same
 * conversation keeps its own key.
 */
export function withdrawChaseItems(
  announcementId: number,
  chases: readonly FanoutItem[],
  mode: 'notice' | 'delete',
): FanoutItemInsert[] {
  return chases.map((chased) => ({
    itemKey: `${chased.itemKey}-withdrawn`,
    batchKey: `ann-${announcementId}-withdraw`,
    purpose: PURPOSES.withdrawn,
    method: mode === 'delete' ? 'delete' : 'update',
    channel: chased.resultChannel ?? chased.channel,
    ts: chased.resultTs,
    subject: { announcementId, chase: true } satisfies PostSubject,
  }));
}

export function withdrawItems(
  announcementId: number,
  posts: readonly PostRow[],
  mode: 'notice' | 'delete',
): FanoutItemInsert[] {
  return posts
    .filter((post) => post.state === 'posted')
    .map((post) => ({
      itemKey: `ann-${announcementId}-withdraw-${post.channel}`,
      batchKey: `ann-${announcementId}-withdraw`,
      purpose: PURPOSES.withdrawn,
      method: mode === 'delete' ? 'delete' : 'update',
      channel: post.channel,
      ts: post.ts,
      subject: { announcementId } satisfies PostSubject,
    }));
}

/**
 * The author's "posted" DM (sent as `published`) brought in line once the item is withdrawn or
 * expired: the same message, saying so, with its Edit and Withdraw buttons gone.
 */
export function closedNoticeItem(published: FanoutItem): FanoutItemInsert | null {
  if (published.status !== 'sent' || !published.resultTs) return null;
  return {
    itemKey: `${published.itemKey}-closed`,
    batchKey: published.batchKey,
    purpose: PURPOSES.notice,
    method: 'update',
    channel: published.resultChannel ?? published.channel,
    ts: published.resultTs,
    subject: published.subject,
    priority: 3,
  };
}

export const isPublishedNotice = (item: FanoutItem) =>
  item.purpose === PURPOSES.notice &&
  item.method === 'post' &&
  (item.subject as { notice?: string }).notice === 'published';

export function noticeItem(
  announcementId: number,
  authorSlackId: string,
  subject: Omit<NoticeSubject, 'announcementId'>,
  keySuffix: string,
): FanoutItemInsert {
  return {
    itemKey: `ann-${announcementId}-notice-${keySuffix}`,
    batchKey: noticeBatch(announcementId),
    purpose: PURPOSES.notice,
    method: 'post',
    channel: authorSlackId,
    subject: { announcementId, ...subject } satisfies NoticeSubject,
    // Before bulk work: the author is waiting for it.
    priority: 3,
  };
}
