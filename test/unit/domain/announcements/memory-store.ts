import type {
  AnnouncementRow,
  FanoutItem,
  PostRow,
  VersionRow,
} from '../../../../src/domain/announcements/model';
import type { AnnouncementStore, ReviewRecord } from '../../../../src/domain/announcements/store';
import type { DepartmentRecord, PersonRecord } from '../../../../src/domain/org/model';
import type { Clock, Tx } from '../../../../src/domain/tx';

/** The rows an in-memory store holds; a transaction that throws puts back a copy taken before it. */
interface Rows {
  people: PersonRecord[];
  departments: DepartmentRecord[];
  announcements: AnnouncementRow[];
  versions: VersionRow[];
  posts: PostRow[];
  acks: { announcementId: number; personId: number; ackedAt: Date }[];
  chases: { announcementId: number; round: number; chasedByPersonId: number; recipients: number; at: Date }[];
  fanout: FanoutItem[];
  reviews: ReviewRecord[];
}

const TX = { __brand: 'Tx' } as const satisfies Tx;

/**
 * The announcements' store in memory, for unit tests of their rules without PostgreSQL. It keeps
 * the semantics the rules rely on (deterministic fan-out keys are inserted once, one
 * acknowledgement per person, rollback of a transaction that throws); it does not lock.
 */
export function memoryAnnouncementStore(clock: Clock, seed: Pick<Rows, 'people' | 'departments'>) {
  let rows: Rows = {
    ...seed,
    announcements: [],
    versions: [],
    posts: [],
    acks: [],
    chases: [],
    fanout: [],
    reviews: [],
  };
  const announcement = (id: number) => rows.announcements.find((row) => row.id === id) ?? null;

  const store: AnnouncementStore = {
    async inTransaction(fn) {
      const before = structuredClone(rows);
      try {
        return await fn(TX);
      } catch (error) {
        rows = before;
        throw error;
      }
    },
    lockNamed: async () => undefined,

    async insertAnnouncement(values) {
      const now = clock.now();
      const row: AnnouncementRow = {
        ...values,
        id: rows.announcements.length + 1,
        publishedVersion: null,
        publishedAt: null,
        withdrawnAt: null,
        withdrawnByPersonId: null,
        createdAt: now,
        updatedAt: now,
      };
      rows.announcements.push(row);
      return { ...row };
    },
    async updateAnnouncement(id, changes) {
      Object.assign(announcement(id)!, changes, { updatedAt: clock.now() });
    },
    lockAnnouncement: async (id) => ({ ...announcement(id)! }),
    lockAnnouncementOfReview: async (reviewId) => {
      const row = rows.announcements.find((a) => a.reviewInstanceId === reviewId);
      return row ? { ...row } : null;
    },
    findAnnouncement: async (id) => {
      const row = announcement(id);
      return row ? { ...row } : null;
    },
    findAnnouncementIdByReference: async (reference) =>
      rows.announcements.find((a) => a.reference === reference.trim().toUpperCase())?.id ?? null,
    listVisibleAnnouncements: async () => {
      throw new Error('not used by these tests');
    },
    async insertVersion(values) {
      rows.versions.push({ ...values });
    },
    findApprovedVersion: async (announcementId, version) =>
      rows.versions.find((v) => v.announcementId === announcementId && v.version === version) ?? null,
    async recordPost(post) {
      if (!rows.posts.some((p) => p.announcementId === post.announcementId && p.channel === post.channel))
        rows.posts.push({
          ...post,
          id: String(rows.posts.length + 1),
          state: 'posted',
          postedAt: clock.now(),
        });
    },
    async markPosts(announcementId, channel, changes) {
      for (const post of rows.posts)
        if (post.announcementId === announcementId && post.channel === channel) Object.assign(post, changes);
    },
    listPosts: async (announcementId) => rows.posts.filter((p) => p.announcementId === announcementId),

    async insertAck(announcementId, personId) {
      const existing = rows.acks.find((a) => a.announcementId === announcementId && a.personId === personId);
      if (existing) return { inserted: false, ackedAt: existing.ackedAt };
      const ackedAt = clock.now();
      rows.acks.push({ announcementId, personId, ackedAt });
      return { inserted: true, ackedAt };
    },
    countAcks: async (announcementId) => rows.acks.filter((a) => a.announcementId === announcementId).length,
    listAcks: async (announcementId) =>
      rows.acks
        .filter((a) => a.announcementId === announcementId)
        .map((a) => {
          const person = rows.people.find((p) => p.id === a.personId)!;
          return {
            personId: a.personId,
            slackUserId: person.slackUserId,
            name: person.name,
            ackedAt: a.ackedAt,
          };
        }),
    lastChase: async (announcementId) => {
      const last = rows.chases.filter((c) => c.announcementId === announcementId).at(-1);
      return last ? { round: last.round, at: last.at } : null;
    },
    async insertChase(values) {
      const at = clock.now();
      rows.chases.push({ ...values, at });
      return at;
    },

    async insertFanoutItems(items) {
      let inserted = 0;
      for (const item of items) {
        if (rows.fanout.some((f) => f.itemKey === item.itemKey)) continue;
        rows.fanout.push({
          ...item,
          id: String(rows.fanout.length + 1),
          status: 'pending',
          attempts: 0,
          resultChannel: null,
          resultTs: null,
          lastError: null,
        });
        inserted++;
      }
      return inserted;
    },
    findFanoutItems: async (batchKey) => rows.fanout.filter((f) => f.batchKey === batchKey),
    fanoutProgress: async (batchKey) => {
      const batch = rows.fanout.filter((f) => f.batchKey === batchKey);
      return {
        pending: batch.filter((f) => f.status === 'pending').length,
        sent: batch.filter((f) => f.status === 'sent').length,
      };
    },

    findPersonById: async (id) => rows.people.find((p) => p.id === id) ?? null,
    findDepartmentById: async (id) => rows.departments.find((d) => d.id === id) ?? null,
    listAllDepartments: async () =>
      rows.departments.map(({ id, key, name, nameZh }) => ({ id, key, name, nameZh })),
    loadOrgSnapshot: async () => ({
      people: rows.people.map(({ id, slackUserId, name, departmentId, roles, status }) => ({
        id,
        slackUserId,
        name,
        departmentId,
        roles,
        status,
      })),
      departments: rows.departments.map(({ id, key, parentId, headPersonId }) => ({
        id,
        key,
        parentId,
        headPersonId,
      })),
    }),

    findReview: async (id) => rows.reviews.find((r) => r.id === id) ?? null,
    findIdempotentReviewId: async () => null,
    lockSubmissionsOf: async () => undefined,
  };
  return {
    store,
    /** What the store holds now (for assertions). */
    rows: () => rows,
    addReview(review: Omit<ReviewRecord, 'id'>): ReviewRecord {
      const record = { ...review, id: rows.reviews.length + 1 };
      rows.reviews.push(record);
      return record;
    },
    tx: TX as Tx,
  };
}
