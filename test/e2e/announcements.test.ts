import { QueryTypes } from 'sequelize';
import { announcementDriver, BOT, seconds, text } from '../support/announcements';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { option, sendInteraction, viewSubmission } from '../support/slack-payloads';

/**
 * Announcements end to end through the emulator: the composer, the review on the workflow engine
 * (department head, then a leader for important items), scheduled publication to two channels in
 * the standard format, a correction reviewed again and applied to both copies, retraction,
 * expiry, restricted items, bad input, and attempts to post something unreviewed.
 */
let running: RunningPlatform;
const emu = () => running.emulator;
const { compose, approveCard, announcementRow } = announcementDriver(() => running);

beforeAll(async () => {
  running = await startTestPlatform();
  emu().addChannel({ id: 'C0NEWS0001', name: 'news', members: ['U01EVAN00', 'U01BOB000'] });
  emu().addChannel({ id: 'C0OFFICE01', name: 'office', members: ['U01EVAN00', BOT] });
  emu().addChannel({
    id: 'G0FINANCE1',
    name: 'finance-private',
    isPrivate: true,
    members: ['U01BOB000', 'U01EVAN00', BOT],
  });
}, 60_000);
afterAll(() => running.stop());

const messagesIn = (channel: string) => emu().messages(channel);

describe('/announce', () => {
  it('draft → department head → leader (important) → posted at the scheduled time to two channels in the standard format; edit → re-review → both copies updated; retract', async () => {
    const publishAt = Date.now() + 8000;
    const submitted = await compose('U01EVAN00', {
      ann_title: 'Budget system maintenance',
      ann_body: 'The budget system is *offline* on Saturday.',
      ann_category: 'notice',
      ann_channels: ['C0NEWS0001', 'C0OFFICE01'],
      ann_importance: 'important',
      ann_publish_at: seconds(publishAt),
      ann_options: ['require_ack'],
    });
    expect(submitted.outcome).toBe('closed');
    const row = await announcementRow('Budget system maintenance');
    expect(row.reference).toMatch(/^ANN-\d{4}-\d{4}$/);

    // Bob (head of Finance) sees the preview exactly as it will be posted, then approves.
    const bobCard = await approveCard('U01BOB000', row.reference);
    expect(text(bobCard)).toContain('Budget system maintenance');
    expect(text(bobCard)).toContain('announcement_ack_preview');
    expect(text(bobCard)).toContain('<#C0NEWS0001>');
    await approveCard('U01LEADER', row.reference);
    await emu().waitFor(
      async () => (await announcementRow('Budget system maintenance')).status === 'published',
      {
        timeoutMs: 10_000,
      },
    );
    // Not before the publish time.
    expect(messagesIn('C0NEWS0001').filter((m) => text(m).includes(row.reference))).toEqual([]);
    const posted = await emu().waitFor(
      () => {
        const news = messagesIn('C0NEWS0001').find((m) => text(m).includes(row.reference));
        const office = messagesIn('C0OFFICE01').find((m) => text(m).includes(row.reference));
        return news && office ? { news, office } : undefined;
      },
      { timeoutMs: 30_000, description: 'both copies posted' },
    );
    expect(Number(posted.news.ts) * 1000).toBeGreaterThanOrEqual(publishAt - 1000);
    for (const copy of [posted.news, posted.office]) {
      const body = text(copy);
      expect(body).toContain('Budget system maintenance'); // title
      expect(body).toContain('offline'); // body
      expect(body).toContain('📢'); // category badge
      expect(body).toMatch(/Finance|財務處/); // department
      expect(body).toContain('"announcement_ack"'); // the Acknowledge button
    }
    // The bot joined the public channel it was not in, and posted exactly once in each.
    expect(messagesIn('C0NEWS0001').filter((m) => text(m).includes(row.reference))).toHaveLength(1);
    expect(messagesIn('C0OFFICE01').filter((m) => text(m).includes(row.reference))).toHaveLength(1);

    // Correction: /announce edit, reviewed again with a diff, both copies updated in place.
    await emu().as('U01EVAN00').command('/announce', `edit ${row.reference}`);
    await emu().waitFor(() => emu().openViews('U01EVAN00').length > 0, { timeoutMs: 5000 });
    await emu().as('U01EVAN00').fillModal({ ann_title: 'Budget system maintenance (Sunday)' });
    expect((await emu().as('U01EVAN00').submitView()).outcome).toBe('closed');
    const correctionCard = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf('U01BOB000'))
          .find((m) => text(m).includes('(Sunday)') && text(m).includes('"wf_approve"')),
      { timeoutMs: 10_000, description: 'correction card' },
    );
    expect(text(correctionCard)).toContain('~Budget system maintenance~');
    await emu()
      .as('U01BOB000')
      .clickButton({
        actionId: 'wf_approve',
        in: { channel: emu().dmChannelOf('U01BOB000'), ts: correctionCard.ts },
      });
    await approveCard('U01LEADER', row.reference);
    await emu().waitFor(
      () =>
        (
          [
            ['C0NEWS0001', posted.news.ts],
            ['C0OFFICE01', posted.office.ts],
          ] as const
        ).every(([channel, ts]) => {
          const now = messagesIn(channel).find((m) => m.ts === ts);
          return now && text(now).includes('(Sunday)') && /edited|已更正/.test(text(now));
        }),
      { timeoutMs: 30_000, description: 'both copies updated' },
    );
    const versions = await running.db.sequelize.query<{ version: number }>(
      'SELECT version FROM announcement_versions WHERE announcement_id = :id ORDER BY version',
      { type: QueryTypes.SELECT, replacements: { id: row.id } },
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2]);

    // Someone else cannot retract it; the author can.
    await emu().as('U01GRACE0').command('/announce', `retract ${row.reference}`);
    await emu().as('U01EVAN00').command('/announce', `retract ${row.reference}`);
    await emu().waitFor(
      () =>
        (
          [
            ['C0NEWS0001', posted.news.ts],
            ['C0OFFICE01', posted.office.ts],
          ] as const
        ).every(([channel, ts]) => {
          const now = messagesIn(channel).find((m) => m.ts === ts);
          return now && /withdrawn|撤回/.test(text(now)) && !text(now).includes('offline');
        }),
      { timeoutMs: 30_000, description: 'both copies withdrawn' },
    );
    expect((await announcementRow('Budget system maintenance (Sunday)')).status).toBe('retracted');
  }, 120_000);

  it('restricted items go only to their audience (a private channel), never to a public one', async () => {
    const refused = await compose('U01EVAN00', {
      ann_title: 'Finance only',
      ann_body: 'Salary review schedule.',
      ann_category: 'business_material',
      ann_channels: ['C0NEWS0001'],
      ann_audience: 'departments',
      ann_departments: ['finance'],
    });
    expect(refused.outcome).toBe('errors');
    expect(refused.errors.ann_channels).toMatch(/public|公開/);
    await emu().as('U01EVAN00').closeView();

    const ok = await compose('U01EVAN00', {
      ann_title: 'Finance only',
      ann_body: 'Salary review schedule.',
      ann_category: 'business_material',
      ann_channels: ['G0FINANCE1'],
      ann_audience: 'departments',
      ann_departments: ['finance'],
    });
    expect(ok.outcome).toBe('closed');
    const row = await announcementRow('Finance only');
    await approveCard('U01BOB000', row.reference);
    await emu().waitFor(() => messagesIn('G0FINANCE1').some((m) => text(m).includes(row.reference)), {
      timeoutMs: 30_000,
      description: 'posted to the private channel',
    });
    // Nowhere else: no other channel, and no DM of anyone outside Finance (the author and the
    // reviewer, both in Finance, see it in their review cards).
    const finance = new Set(['U01BOB000', 'U01EVAN00', 'U01HENRY0']);
    for (const channel of emu()
      .channels()
      .filter((c) => c.id !== 'G0FINANCE1' && !c.isIm))
      expect(messagesIn(channel.id).filter((m) => text(m).includes('Salary review'))).toEqual([]);
    for (const user of emu()
      .users()
      .filter((u) => !finance.has(u.id)))
      expect(messagesIn(emu().dmChannelOf(user.id)).filter((m) => text(m).includes('Salary review'))).toEqual(
        [],
      );
    // /announce list: Grace (HR) does not see it; Bob (Finance) does.
    await emu().as('U01GRACE0').command('/announce', 'list');
    await emu().as('U01BOB000').command('/announce', 'list');
    await emu().waitFor(
      () =>
        emu()
          .ephemerals('U01BOB000')
          .some((e) => text(e).includes(row.reference)),
      {
        timeoutMs: 5000,
      },
    );
    expect(
      emu()
        .ephemerals('U01GRACE0')
        .some((e) => text(e).includes(row.reference)),
    ).toBe(false);
    // The App Home section: the same visibility.
    await emu().as('U01BOB000').openHome();
    await emu().as('U01GRACE0').openHome();
    await emu().waitFor(() => text(emu().home('U01BOB000')).includes(row.reference), { timeoutMs: 10_000 });
    await emu().waitFor(() => text(emu().home('U01GRACE0')).includes('📣'), { timeoutMs: 10_000 });
    expect(text(emu().home('U01GRACE0'))).not.toContain(row.reference);
  }, 60_000);

  it('refuses bad input with field errors, and guests', async () => {
    const result = await compose('U01EVAN00', {
      ann_title: 'Late',
      ann_body: 'x',
      ann_category: 'notice',
      ann_channels: ['C0NEWS0001'],
      ann_publish_at: seconds(Date.now() - 3600_000),
      ann_expires_at: seconds(Date.now() - 7200_000),
    });
    expect(result.outcome).toBe('errors');
    expect(Object.keys(result.errors).sort()).toEqual(['ann_expires_at', 'ann_publish_at']);
    await emu().as('U01EVAN00').closeView();
    await emu().as('U01HENRY0').command('/announce', '');
    await emu().waitFor(() => emu().ephemerals('U01HENRY0').length > 0, { timeoutMs: 5000 });
    expect(emu().openViews('U01HENRY0')).toEqual([]);
  }, 30_000);

  it('never posts an unreviewed item: not through a forged composer edit, nor a fan-out row inserted by hand', async () => {
    const submitted = await compose('U01EVAN00', {
      ann_title: 'Unreviewed',
      ann_body: 'Must never appear.',
      ann_category: 'notice',
      ann_channels: ['C0OFFICE01'],
    });
    expect(submitted.outcome).toBe('closed');
    const row = await announcementRow('Unreviewed');
    await running.db.sequelize.query(
      `INSERT INTO fanout_items (item_key, batch_key, purpose, method, channel, subject)
       VALUES ('forged-post', 'forged', 'announcement.post', 'post', 'C0OFFICE01', :subject)`,
      { replacements: { subject: JSON.stringify({ announcementId: row.id }) } },
    );
    // A forged composer submission by someone else, claiming to edit it.
    const forged = viewSubmission({
      user: 'U01GRACE0',
      triggerId: emu().createTriggerId('U01GRACE0'),
      callbackId: 'announce_composer',
      privateMetadata: JSON.stringify({ mode: 'edit', announcementId: row.id, fixedTargets: false }),
      values: {
        ann_title: { value: { type: 'plain_text_input', value: 'Hijacked' } },
        ann_body: { value: { type: 'plain_text_input', value: 'Hijacked' } },
        ann_category: { value: { type: 'static_select', selected_option: option('notice') } },
        ann_channels: {
          value: { type: 'multi_conversations_select', selected_conversations: ['C0OFFICE01'] },
        },
      },
    });
    const response = await sendInteraction(emu(), forged);
    expect(response.status).toBe(200);
    expect(text(response.body)).toMatch(/errors/);
    await emu().waitFor(
      async () => {
        const [item] = await running.db.sequelize.query<{ status: string }>(
          "SELECT status FROM fanout_items WHERE item_key = 'forged-post'",
          { type: QueryTypes.SELECT },
        );
        return item?.status === 'skipped';
      },
      { timeoutMs: 45_000, description: 'the forged item skipped by the sender' },
    );
    expect(messagesIn('C0OFFICE01').some((m) => text(m).includes('Must never appear'))).toBe(false);
    expect(messagesIn('C0OFFICE01').some((m) => text(m).includes('Hijacked'))).toBe(false);
    expect((await announcementRow('Unreviewed')).status).toBe('in_review');
  }, 60_000);
});
