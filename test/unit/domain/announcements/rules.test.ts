import {
  AnnouncementError,
  type AnnouncementInput,
  type AnnouncementSettings,
  createAnnouncementService,
  DEFAULT_ANNOUNCEMENT_SETTINGS,
  type ReviewEngine,
} from '../../../../src/domain/announcements';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import type { PersonRecord } from '../../../../src/domain/org/model';
import type { FormValues, RouteStep } from '../../../../src/domain/workflows/model';
import { planRoute } from '../../../../src/domain/workflows/route';
import { parseTemplate } from '../../../../src/domain/workflows/template.service';
import { announcementTemplate } from '../../../../src/domain/workflows/templates/announcement';
import { WorkflowError } from '../../../../src/domain/workflows/workflow-errors';
import { memoryAnnouncementStore } from './memory-store';

/**
 * Rules of announcements run against an in-memory store, a hand-set clock and a review engine
 * that plans the real `announcement` template's review chain: no PostgreSQL, no workflow rows.
 *
 *   admin (1, U0ADMIN)   leader (2, U0LEAD)
 *   sales (10, head 11):   head 11 U0SHEAD, author 12 U0AUTHOR, colleague 13 U0SALES
 *   support (20, head 21): head 21 U0SUPHEAD, member 22 U0SUPPORT
 */
const person = (id: number, slackUserId: string, departmentId: number | null, roles: PersonRecord['roles']) =>
  ({
    id,
    slackUserId,
    email: null,
    name: slackUserId,
    departmentId,
    position: null,
    contact: null,
    roles,
    status: 'active',
    locale: null,
    timezone: null,
  }) satisfies PersonRecord;

const PEOPLE: PersonRecord[] = [
  person(1, 'U0ADMIN', null, ['admin']),
  person(2, 'U0LEAD', null, ['leader']),
  person(11, 'U0SHEAD', 10, ['user']),
  person(12, 'U0AUTHOR', 10, ['user']),
  person(13, 'U0SALES', 10, ['user']),
  person(21, 'U0SUPHEAD', 20, ['user']),
  person(22, 'U0SUPPORT', 20, ['user']),
];
const DEPARTMENTS = [
  { id: 10, key: 'sales', name: 'Sales', nameZh: null, parentId: null, headPersonId: 11 },
  { id: 20, key: 'support', name: 'Support', nameZh: null, parentId: null, headPersonId: 21 },
];

const HOUR = 3600_000;
const START = new Date('2026-03-02T09:00:00Z');
const REVIEW = parseTemplate(announcementTemplate);

function world(settings: AnnouncementSettings = DEFAULT_ANNOUNCEMENT_SETTINGS) {
  let now = START;
  const clock = { now: () => now };
  const memory = memoryAnnouncementStore(clock, { people: PEOPLE, departments: DEPARTMENTS });
  const chains: RouteStep[][] = [];
  const audits: AuditEvent[] = [];
  const actor = (slackUserId: string) => {
    const found = PEOPLE.find((p) => p.slackUserId === slackUserId);
    if (!found) throw new WorkflowError('not_registered');
    return found;
  };
  const reviews: ReviewEngine = {
    requireActive: async (slackUserId) => actor(slackUserId),
    requireMember: async (slackUserId) => actor(slackUserId),
    nextReference: async () => `ANN-2026-${String(memory.rows().announcements.length + 1).padStart(4, '0')}`,
    async startReview(tx, { requester, departmentId, values }) {
      const org = await memory.store.loadOrgSnapshot(tx);
      const { route } = planRoute(
        REVIEW,
        { personId: requester.id, departmentId },
        values as FormValues,
        org,
      );
      chains.push(route.steps);
      const review = memory.addReview({
        reference: `DOC-${chains.length}`,
        status: 'in_review',
        form: values as FormValues,
      });
      return { instanceId: review.id, reference: review.reference };
    },
    resubmit: async () => {
      throw new Error('not used by these tests');
    },
  };
  const service = createAnnouncementService({
    store: memory.store,
    reviews,
    audit: async (_tx, ...events) => {
      audits.push(...events);
    },
    clock,
    settings,
  });
  /** The engine approves the review of this announcement: publication runs in its transaction. */
  const approve = async (announcementId: number, approverSlackId = 'U0SHEAD') => {
    const row = memory.rows().announcements.find((a) => a.id === announcementId)!;
    const review = memory.rows().reviews.find((r) => r.id === row.reviewInstanceId)!;
    await memory.store.inTransaction((tx) =>
      service.reviewFinished(
        {
          tx,
          instance: { ...review, revision: 1, status: 'approved' },
          actorSlackId: approverSlackId,
          now: now,
        },
        'approved',
      ),
    );
  };
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { service, memory, chains, audits, approve, advance };
}

const input = (overrides: Partial<AnnouncementInput> = {}): AnnouncementInput => ({
  title: 'Office closed on Friday',
  body: 'The office is closed on Friday for maintenance.',
  category: 'notice',
  importance: 'normal',
  audience: 'everyone',
  departments: [],
  channels: [{ id: 'C0GENERAL', kind: 'public', name: 'general' }],
  requireAck: false,
  publishAt: null,
  expiresAt: null,
  ...overrides,
});

async function submitted(w: ReturnType<typeof world>, overrides: Partial<AnnouncementInput> = {}) {
  const result = await w.service.submitAnnouncement('U0AUTHOR', input(overrides));
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result;
}

describe('the review chain', () => {
  it('is the department head for a normal item', async () => {
    const w = world();
    await submitted(w);
    expect(w.chains[0]?.map((step) => [step.key, step.approverPersonIds])).toEqual([
      ['department_head', [11]],
    ]);
  });

  it('adds a leader for an important item', async () => {
    const w = world();
    await submitted(w, { importance: 'important' });
    expect(w.chains[0]?.map((step) => [step.key, step.approverPersonIds])).toEqual([
      ['department_head', [11]],
      ['leader', [2]],
    ]);
  });

  it('ends with the admins as publisher when the settings ask for it', async () => {
    const w = world({ ...DEFAULT_ANNOUNCEMENT_SETTINGS, publisherStep: true });
    await submitted(w, { importance: 'important' });
    expect(w.chains[0]?.map((step) => step.key)).toEqual(['department_head', 'leader', 'publisher']);
  });

  it('publishes nothing before the approval, and a copy per channel on it', async () => {
    const w = world();
    const { announcementId } = await submitted(w, {
      channels: [
        { id: 'C0GENERAL', kind: 'public', name: 'general' },
        { id: 'C0NEWS', kind: 'public', name: 'news' },
      ],
    });
    expect(w.memory.rows().fanout).toEqual([]);
    await w.approve(announcementId);
    expect(w.memory.rows().fanout.map((item) => [item.method, item.channel])).toEqual([
      ['post', 'C0GENERAL'],
      ['post', 'C0NEWS'],
    ]);
    expect(w.memory.rows().announcements[0]).toMatchObject({ status: 'published', publishedVersion: 1 });
  });
});

describe('who may see and manage an item', () => {
  /** Published for the support department only, written by someone in sales. */
  async function restricted() {
    const w = world();
    const { announcementId, reference } = await submitted(w, {
      audience: 'departments',
      departments: ['support'],
      channels: [],
    });
    await w.approve(announcementId);
    return { w, announcementId, reference };
  }

  it('shows a restricted item to its audience, its author and admins only', async () => {
    const { w, reference } = await restricted();
    const seen = async (slackUserId: string) =>
      w.service.getAnnouncement(slackUserId, reference).then(
        ({ manageable }) => (manageable ? 'manages' : 'reads'),
        (error: unknown) => (error instanceof AnnouncementError ? error.code : error),
      );
    expect({
      author: await seen('U0AUTHOR'),
      admin: await seen('U0ADMIN'),
      audience: await seen('U0SUPPORT'),
      authorsColleague: await seen('U0SALES'),
      leader: await seen('U0LEAD'),
    }).toEqual({
      author: 'manages',
      admin: 'manages',
      audience: 'reads',
      authorsColleague: 'not_found',
      leader: 'not_found',
    });
  });

  it('lets only its author or an admin retract it; outsiders are told it does not exist', async () => {
    const { w, announcementId } = await restricted();
    await expect(w.service.retractAnnouncement('U0SUPPORT', announcementId)).rejects.toMatchObject({
      code: 'not_author',
    });
    await expect(w.service.retractAnnouncement('U0SALES', announcementId)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(w.memory.rows().announcements[0]?.status).toBe('published');
    await w.service.retractAnnouncement('U0ADMIN', announcementId);
    expect(w.memory.rows().announcements[0]).toMatchObject({
      status: 'retracted',
      withdrawnByPersonId: 1,
      withdrawnAt: START,
    });
    // The author hears that an admin withdrew it.
    expect(w.memory.rows().fanout.filter((item) => item.channel === 'U0AUTHOR')).toHaveLength(1);
    expect(w.audits.map((event) => event.action)).toEqual([
      'announcement.submitted',
      'announcement.approved',
      'announcement.retracted',
    ]);
  });
});

describe('rules that depend on the time', () => {
  it('expires an item when its expiry has come, once', async () => {
    const w = world();
    const { announcementId } = await submitted(w, { expiresAt: new Date(START.getTime() + 2 * HOUR) });
    await w.approve(announcementId);
    expect(await w.service.expireAnnouncement(announcementId)).toBe(false);
    w.advance(2 * HOUR);
    expect(await w.service.expireAnnouncement(announcementId)).toBe(true);
    expect(await w.service.expireAnnouncement(announcementId)).toBe(false);
    expect(w.memory.rows().announcements[0]?.status).toBe('expired');
  });

  it('chases the readers who have not acknowledged, at most once per interval', async () => {
    const w = world();
    const { announcementId } = await submitted(w, {
      audience: 'departments',
      departments: ['support'],
      channels: [],
      requireAck: true,
    });
    await w.approve(announcementId);
    const nobodyElse = async () => [];
    expect(await w.service.acknowledge('U0SUPPORT', announcementId, { refreshSeconds: 10 })).toMatchObject({
      outcome: 'recorded',
    });
    expect(await w.service.acknowledge('U0SUPPORT', announcementId, { refreshSeconds: 10 })).toMatchObject({
      outcome: 'already',
    });
    expect(await w.service.chase('U0SUPPORT', announcementId, nobodyElse, 60)).toMatchObject({
      outcome: 'refused',
      reason: 'not_author',
    });
    expect(await w.service.chase('U0AUTHOR', announcementId, nobodyElse, 60)).toMatchObject({
      outcome: 'chased',
      count: 1,
      round: 1,
    });
    w.advance(59 * 60_000);
    expect(await w.service.chase('U0AUTHOR', announcementId, nobodyElse, 60)).toMatchObject({
      outcome: 'too_soon',
      nextAt: new Date(START.getTime() + HOUR),
    });
    w.advance(60_000);
    expect(await w.service.chase('U0AUTHOR', announcementId, nobodyElse, 60)).toMatchObject({
      outcome: 'chased',
      round: 2,
    });
    const chased = w.memory.rows().fanout.filter((item) => item.purpose === 'announcement.chase');
    expect(chased.map((item) => item.channel)).toEqual(['U0SUPHEAD', 'U0SUPHEAD']);
  });
});
