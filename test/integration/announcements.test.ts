import { QueryTypes } from 'sequelize';
import { findAnnouncement } from '../../src/db/repositories/announcements.repository';
import { findFanoutItems, insertFanoutItems } from '../../src/db/repositories/fanout.repository';
import { AnnouncementError, type AnnouncementInput } from '../../src/domain/announcements';
import { WorkflowError } from '../../src/domain/workflows/workflow-errors';
import { announcements, configureAnnouncements, workflows } from '../support/workflows';
import { PEOPLE, useWorkflowDatabase } from './workflows-support';

const { approve, listPendingTasks, returnForChanges } = workflows;

/**
 * The announcements domain on a real database: review on the workflow engine, publication inside
 * the approving transaction (version row + fan-out items), corrections, retraction, expiry, and
 * visibility of restricted items.
 */
const { db } = useWorkflowDatabase();
beforeAll(() => configureAnnouncements({ publisherStep: false, withdrawMode: 'notice' }));
const {
  approvedVersionToShow,
  expireAnnouncement,
  getAnnouncement,
  listAnnouncements,
  readAnnouncementView,
  retractAnnouncement,
  reviseAnnouncement,
  submitAnnouncement,
} = announcements;

const HOUR = 3600_000;
const input = (overrides: Partial<AnnouncementInput> = {}): AnnouncementInput => ({
  title: 'Office closed on Friday',
  body: 'The office is closed on *Friday* for maintenance.',
  category: 'notice',
  importance: 'normal',
  audience: 'everyone',
  departments: [],
  channels: [
    { id: 'C0GENERAL', kind: 'public', name: 'general' },
    { id: 'C0NEWS000', kind: 'public', name: 'news' },
  ],
  requireAck: false,
  publishAt: null,
  expiresAt: null,
  ...overrides,
});

async function approveAll(slackId: string) {
  const page = await listPendingTasks(slackId, { limit: 50 });
  for (const task of page.items) await approve(slackId, task.taskId);
  return page.items.length;
}

const items = (id: number) => findFanoutItems(`ann-${id}-publish`);

describe('announcements', () => {
  it('go to the department head, then a leader when important; approval queues one post per channel at the publish time', async () => {
    const publishAt = new Date(Date.now() + 2 * HOUR);
    const result = await submitAnnouncement(PEOPLE.evan, input({ importance: 'important', publishAt }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.reference).toMatch(/^ANN-\d{4}-\d{4}$/);
    expect(await items(result.announcementId)).toEqual([]);
    expect(await approveAll(PEOPLE.bob)).toBe(1);
    // Head approved, the leader has not: still nothing queued.
    expect(await items(result.announcementId)).toEqual([]);
    expect((await findAnnouncement(result.announcementId))?.status).toBe('in_review');
    expect(await approveAll(PEOPLE.leader)).toBe(1);
    const queued = await items(result.announcementId);
    expect(queued.map((i) => i.channel).sort()).toEqual(['C0GENERAL', 'C0NEWS000']);
    for (const item of queued) {
      expect(item.purpose).toBe('announcement.post');
      expect(new Date(item.notBefore!).getTime()).toBe(publishAt.getTime());
    }
    const view = await readAnnouncementView(result.announcementId);
    expect(view).toMatchObject({ status: 'published', version: 1, edited: false });
    expect(view.content.title).toBe('Office closed on Friday');
  });

  it('a normal one needs only the head; refused input comes back as field errors', async () => {
    const bad = await submitAnnouncement(
      PEOPLE.evan,
      input({
        title: ' ',
        body: 'x'.repeat(3001),
        publishAt: new Date(Date.now() - 2 * HOUR),
        expiresAt: new Date(Date.now() - 3 * HOUR),
        channels: [{ id: 'C0NOPE', kind: 'unknown' }],
      }),
    );
    expect(bad).toEqual({
      ok: false,
      errors: {
        title: { code: 'required' },
        body: { code: 'too_long', params: { max: 3000 } },
        channels: { code: 'unknown_channel', params: { channel: 'C0NOPE' } },
        publish_at: { code: 'publish_in_past' },
        expires_at: { code: 'expiry_in_past' },
      },
    });
    const restricted = await submitAnnouncement(
      PEOPLE.evan,
      input({ audience: 'departments', departments: ['finance'] }),
    );
    expect(restricted).toMatchObject({
      ok: false,
      errors: { channels: { code: 'public_channel_for_restricted', params: { channel: '#general' } } },
    });
    const order = await submitAnnouncement(
      PEOPLE.evan,
      input({ publishAt: new Date(Date.now() + 5 * HOUR), expiresAt: new Date(Date.now() + 4 * HOUR) }),
    );
    expect(order).toMatchObject({ ok: false, errors: { expires_at: { code: 'expiry_before_publish' } } });
    await expect(submitAnnouncement(PEOPLE.henry, input())).rejects.toThrow(WorkflowError);
  });

  it('returned for changes, resubmitted, approved; a correction is reviewed again and updates every copy', async () => {
    const result = await submitAnnouncement(PEOPLE.grace, input({ title: 'Training day' }));
    if (!result.ok) throw new Error('refused');
    const [task] = (await listPendingTasks(PEOPLE.carol)).items;
    await returnForChanges(PEOPLE.carol, task!.taskId, 'Add the room');
    const again = await reviseAnnouncement(
      PEOPLE.grace,
      result.announcementId,
      input({ title: 'Training day in room 3' }),
    );
    expect(again.ok).toBe(true);
    expect(await approveAll(PEOPLE.carol)).toBe(1);
    const view = await readAnnouncementView(result.announcementId);
    expect(view.content.title).toBe('Training day in room 3');
    // The sender posted both copies.
    for (const [channel, ts] of [
      ['C0GENERAL', '1.1'],
      ['C0NEWS000', '1.2'],
    ] as const)
      await db.sequelize.query(
        `INSERT INTO announcement_posts (announcement_id, channel, ts, target, version_shown)
         VALUES (:id, :channel, :ts, :channel, 1)`,
        { replacements: { id: result.announcementId, channel, ts } },
      );
    await expect(
      reviseAnnouncement(PEOPLE.grace, result.announcementId, input({ title: 'Training day in room 3' })),
    ).rejects.toMatchObject({ code: 'no_changes' });
    await expect(
      reviseAnnouncement(PEOPLE.evan, result.announcementId, input({ title: 'Hijacked' })),
    ).rejects.toMatchObject({ code: 'not_author' });
    const correction = await reviseAnnouncement(
      PEOPLE.grace,
      result.announcementId,
      input({ title: 'Training day in room 4', channels: [{ id: 'C0ELSEWHERE', kind: 'public' }] }),
    );
    expect(correction.ok).toBe(true);
    // Not yet approved: the copies still show version 1, nothing to update yet.
    expect(await findFanoutItems(`ann-${result.announcementId}-v2-update`)).toEqual([]);
    expect((await readAnnouncementView(result.announcementId)).content.title).toBe('Training day in room 3');
    expect(await approveAll(PEOPLE.carol)).toBe(1);
    const updates = await findFanoutItems(`ann-${result.announcementId}-v2-update`);
    expect(updates.map((u) => [u.channel, u.ts, u.method])).toEqual([
      ['C0GENERAL', '1.1', 'update'],
      ['C0NEWS000', '1.2', 'update'],
    ]);
    const view2 = await readAnnouncementView(result.announcementId);
    expect(view2).toMatchObject({ version: 2, edited: true });
    // The correction could not move the item to another channel.
    expect(view2.content.channelIds).toEqual(['C0GENERAL', 'C0NEWS000']);
    const versions = await db.sequelize.query<{ version: number; title: string }>(
      'SELECT version, title FROM announcement_versions WHERE announcement_id = :id ORDER BY version',
      { type: QueryTypes.SELECT, replacements: { id: result.announcementId } },
    );
    expect(versions).toEqual([
      { version: 1, title: 'Training day in room 3' },
      { version: 2, title: 'Training day in room 4' },
    ]);

    await expect(retractAnnouncement(PEOPLE.evan, result.announcementId)).rejects.toBeInstanceOf(
      AnnouncementError,
    );
    await retractAnnouncement(PEOPLE.grace, result.announcementId);
    const withdrawals = await findFanoutItems(`ann-${result.announcementId}-withdraw`);
    expect(withdrawals.map((w) => [w.channel, w.method, w.purpose])).toEqual([
      ['C0GENERAL', 'update', 'announcement.withdrawn'],
      ['C0NEWS000', 'update', 'announcement.withdrawn'],
    ]);
    expect(await approvedVersionToShow((await findAnnouncement(result.announcementId))!)).toBeNull();
  });

  it('expires at its time, once', async () => {
    const result = await submitAnnouncement(PEOPLE.evan, input({ expiresAt: new Date(Date.now() + HOUR) }));
    if (!result.ok) throw new Error('refused');
    await approveAll(PEOPLE.bob);
    expect(await expireAnnouncement(result.announcementId)).toBe(false);
    expect(await expireAnnouncement(result.announcementId, new Date(Date.now() + 2 * HOUR))).toBe(true);
    expect(await expireAnnouncement(result.announcementId, new Date(Date.now() + 2 * HOUR))).toBe(false);
    expect((await findAnnouncement(result.announcementId))?.status).toBe('expired');
  });

  it('an unreviewed item is never shown, and restricted items are visible only to their audience', async () => {
    const result = await submitAnnouncement(
      PEOPLE.evan,
      input({ audience: 'departments', departments: ['finance'], channels: [] }),
    );
    if (!result.ok) throw new Error('refused');
    // A fan-out item inserted by hand for the item in review: the sender's check finds no approved version.
    await insertFanoutItems([
      {
        itemKey: 'forged-1',
        batchKey: 'forged',
        purpose: 'announcement.post',
        method: 'post',
        channel: 'C0GENERAL',
        subject: { announcementId: result.announcementId },
      },
    ]);
    expect(await approvedVersionToShow((await findAnnouncement(result.announcementId))!)).toBeNull();
    await expect(getAnnouncement(PEOPLE.grace, result.reference)).rejects.toMatchObject({
      code: 'not_found',
    });
    await approveAll(PEOPLE.bob);
    // Restricted with no channel: one DM per active member of Finance (Bob, Evan, Henry the guest).
    expect((await items(result.announcementId)).map((i) => i.channel).sort()).toEqual(
      ['U01BOB000', 'U01EVAN00', 'U01HENRY0'].sort(),
    );
    await expect(getAnnouncement(PEOPLE.grace, result.reference)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(getAnnouncement(PEOPLE.henry, result.reference)).resolves.toMatchObject({
      manageable: false,
    });
    expect((await listAnnouncements(PEOPLE.grace)).map((a) => a.reference)).not.toContain(result.reference);
    expect((await listAnnouncements(PEOPLE.evan)).map((a) => a.reference)).toContain(result.reference);
    expect((await listAnnouncements(PEOPLE.alice)).map((a) => a.reference)).toContain(result.reference);
  });
});
