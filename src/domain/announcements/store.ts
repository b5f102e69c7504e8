import type { DepartmentRecord, PersonRecord } from '../org/model';
import type { Transactions, Tx } from '../tx';
import type { FormValues, InstanceStatus, OrgDepartment, OrgPerson } from '../workflows/model';
import type {
  AckRecord,
  AnnouncementRow,
  FanoutItem,
  FanoutItemInsert,
  ListFilter,
  NewAnnouncement,
  PostRow,
  VersionRow,
  VisibleAnnouncementRow,
} from './model';

/**
 * Everything the announcements domain reads and writes, as it needs it (implemented by
 * `db/stores/announcement.store.ts`; by an in-memory store in unit tests). A read given a `Tx`
 * runs in that transaction; `lock…` reads lock the row until it ends.
 */
export interface AnnouncementStore extends Transactions {
  // announcements, their approved versions and posted copies
  insertAnnouncement(values: NewAnnouncement, tx: Tx): Promise<AnnouncementRow>;
  updateAnnouncement(
    id: number,
    changes: Partial<Omit<AnnouncementRow, 'id' | 'createdAt'>>,
    tx: Tx,
  ): Promise<void>;
  lockAnnouncement(id: number, tx: Tx): Promise<AnnouncementRow | null>;
  lockAnnouncementOfReview(reviewId: number, tx: Tx): Promise<AnnouncementRow | null>;
  findAnnouncement(id: number, tx?: Tx): Promise<AnnouncementRow | null>;
  findAnnouncementIdByReference(reference: string, tx?: Tx): Promise<number | null>;
  listVisibleAnnouncements(filter: ListFilter): Promise<VisibleAnnouncementRow[]>;
  insertVersion(values: VersionRow, tx: Tx): Promise<void>;
  findApprovedVersion(announcementId: number, version: number, tx?: Tx): Promise<VersionRow | null>;
  recordPost(post: Omit<PostRow, 'id' | 'state' | 'postedAt'>): Promise<void>;
  markPosts(
    announcementId: number,
    channel: string,
    changes: { state?: PostRow['state']; versionShown?: number },
  ): Promise<void>;
  listPosts(announcementId: number, tx?: Tx): Promise<PostRow[]>;

  // acknowledgements and chases
  insertAck(announcementId: number, personId: number, tx: Tx): Promise<{ inserted: boolean; ackedAt: Date }>;
  countAcks(announcementId: number): Promise<number>;
  listAcks(announcementId: number): Promise<AckRecord[]>;
  lastChase(announcementId: number, tx: Tx): Promise<{ round: number; at: Date } | null>;
  insertChase(
    values: { announcementId: number; round: number; chasedByPersonId: number; recipients: number },
    tx: Tx,
  ): Promise<Date>;

  // the fan-out rows of its sends
  /** Returns how many were new (an item whose key exists already is not inserted again). */
  insertFanoutItems(items: FanoutItemInsert[], tx?: Tx): Promise<number>;
  findFanoutItems(batchKey: string): Promise<FanoutItem[]>;
  fanoutProgress(batchKey: string): Promise<{ pending: number; sent: number }>;

  // the directory
  findPersonById(id: number, tx?: Tx): Promise<PersonRecord | null>;
  findDepartmentById(id: number): Promise<DepartmentRecord | null>;
  listAllDepartments(tx?: Tx): Promise<{ id: number; key: string; name: string; nameZh: string | null }[]>;
  loadOrgSnapshot(tx: Tx): Promise<{ people: OrgPerson[]; departments: OrgDepartment[] }>;

  // its review requests (rows of the workflow engine)
  findReview(id: number, tx?: Tx): Promise<ReviewRecord | null>;
  findIdempotentReviewId(authorSlackId: string, idempotencyKey: string, tx: Tx): Promise<number | null>;
  /** Serialises one person's submissions (the engine's lock, so an idempotency key is checked once). */
  lockSubmissionsOf(slackUserId: string, tx: Tx): Promise<void>;
}

/** A review request as announcements read it: its form is the content under review. */
export interface ReviewRecord {
  id: number;
  reference: string;
  status: InstanceStatus;
  form: FormValues;
}
