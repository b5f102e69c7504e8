/**
 * The rows of announcements as the domain reads and writes them through its store, and the
 * fan-out items it queues. A leaf: `db/` implements the store with these types.
 */

export interface AnnouncementRow {
  id: number;
  reference: string;
  authorPersonId: number;
  departmentId: number | null;
  title: string;
  category: string;
  importance: string;
  audience: string;
  audienceDepartmentIds: number[];
  channelIds: string[];
  requireAck: boolean;
  publishAt: Date | null;
  expiresAt: Date | null;
  status: 'in_review' | 'published' | 'retracted' | 'expired';
  reviewInstanceId: number | null;
  currentVersion: number;
  publishedVersion: number | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnByPersonId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VersionRow {
  announcementId: number;
  version: number;
  title: string;
  body: string;
  category: string;
  importance: string;
  requireAck: boolean;
  audience: string;
  audienceDepartmentIds: number[];
  channelIds: string[];
  publishAt: Date | null;
  expiresAt: Date | null;
  workflowInstanceId: number;
  workflowRevision: number;
  approvedAt: Date;
}

export interface PostRow {
  id: string;
  announcementId: number;
  channel: string;
  ts: string;
  target: string;
  versionShown: number;
  state: 'posted' | 'withdrawn' | 'deleted';
  postedAt: Date;
}

export type NewAnnouncement = Omit<
  AnnouncementRow,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'publishedVersion'
  | 'publishedAt'
  | 'withdrawnAt'
  | 'withdrawnByPersonId'
>;

export interface ListFilter {
  viewerPersonId: number;
  viewerDepartmentId: number | null;
  viewerIsAdmin: boolean;
  category?: string;
  limit: number;
}

/** A row of `listVisibleAnnouncements`: with the status of its review request. */
export type VisibleAnnouncementRow = AnnouncementRow & { reviewStatus: string | null };

export interface AckRecord {
  personId: number;
  slackUserId: string | null;
  name: string;
  ackedAt: Date;
}

/**
 * A fan-out item as announcements queue and read them; `db/repositories/fanout.repository.ts`
 * stores these same types.
 */
export type FanoutMethod = 'post' | 'update' | 'delete';
export type FanoutStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface FanoutItemInsert {
  /** Deterministic and globally unique; inserting an existing key is a no-op. */
  itemKey: string;
  /** Groups items for progress, e.g. 'ann-12-v1-publish'. */
  batchKey: string;
  /** The registered handler, e.g. 'announcement.post'. */
  purpose: string;
  method: FanoutMethod;
  /** Channel id (C…/G…/D…), or a user id (U…/W…) for a DM. */
  channel: string;
  /** The message to update or delete. */
  ts?: string | null;
  /** Ids the handler needs (JSON); never rendered text. */
  subject: Record<string, unknown>;
  /** Not sent before this time (scheduled publishing uses it). */
  notBefore?: Date | null;
  /** 1 = first (ack-count refreshes), 5 default, 9 = bulk (chase). */
  priority?: number;
}

export interface FanoutItem extends FanoutItemInsert {
  id: string;
  status: FanoutStatus;
  attempts: number;
  resultChannel: string | null;
  resultTs: string | null;
  lastError: string | null;
}
