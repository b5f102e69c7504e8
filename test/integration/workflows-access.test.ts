import { Department, Person } from '../../src/db/models';
import { findAuditRows } from '../../src/db/repositories/audit.repository';
import { CSV_BOM } from '../../src/domain/workflows/csv';
import { EXPORT_HEADER } from '../../src/domain/workflows/export.service';
import { addDays, todayIn } from '../../src/domain/workflows/working-days';
import { workflows as engine } from '../support/workflows';
import {
  leaveForm,
  outboxSummary,
  PEOPLE,
  refusal,
  submitted,
  useWorkflowDatabase,
} from './workflows-support';

const { alice, bob, carol, daniel, evan, fiona, grace, henry, ivy, leader } = PEOPLE;

const { monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });

const firstTask = async (slackId: string) => (await engine.listPendingTasks(slackId)).items[0]!.taskId;

describe('who may start a request', () => {
  it('refuses guests, suspended and unregistered people, and writes nothing', async () => {
    const form = leaveForm(monday, monday);
    expect(await refusal(engine.submitRequest(henry, 'leave', form))).toBe('guest_forbidden');
    expect(await refusal(engine.submitRequest(ivy, 'leave', form))).toBe('suspended');
    expect(await refusal(engine.submitRequest('U0NEWCOMER', 'leave', form))).toBe('not_registered');
    expect(await refusal(engine.validateForm('leave', henry, form))).toBe('guest_forbidden');
    expect((await engine.searchInstances(alice, {})).total).toBe(0);
    expect((await engine.listMyRequests(henry)).total).toBe(0);
  });

  it('an approver made a guest after the task was assigned cannot decide it', async () => {
    const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
    const task = await firstTask(bob);
    await Person.update({ roles: ['guest'] }, { where: { slackUserId: bob } });
    try {
      expect(await refusal(engine.approve(bob, task))).toBe('guest_forbidden');
    } finally {
      await Person.update({ roles: ['user'] }, { where: { slackUserId: bob } });
    }
    expect((await engine.getInstance(evan, request.reference)).steps[0]!.tasks[0]!.status).toBe('pending');
  });

  it('lists the templates of the picker (not registration)', async () => {
    expect((await engine.listTemplates()).map((t) => [t.key, t.version, t.title.zh])).toEqual([
      ['document', 1, '公文審批'],
      ['leave', 1, '請假'],
      ['project', 1, '項目申報'],
    ]);
    expect((await engine.getTemplate('registration')).purpose).toBe('registration');
    expect(await refusal(engine.getTemplate('nope'))).toBe('not_found');
  });
});

describe('who may see a request', () => {
  it('the requester, its approvers (also future ones), CC and admins; others get not_found', async () => {
    const request = submitted(
      await engine.submitRequest(evan, 'leave', leaveForm(monday, addDays(monday, 4))),
    );
    for (const viewer of [evan, bob, leader, carol, alice]) {
      expect((await engine.getInstance(viewer, request.reference)).id).toBe(request.instanceId);
    }
    for (const outsider of [fiona, daniel, henry, 'U0NEWCOMER']) {
      expect(await refusal(engine.getInstance(outsider, request.reference))).toBe('not_found');
    }
    expect(await refusal(engine.getInstance(ivy, request.reference))).toBe('suspended');
    expect(await refusal(engine.getInstance(evan, 'LV-1999-0001'))).toBe('not_found');
    // By id, by reference in any case, by an id given as text.
    expect((await engine.getInstance(evan, request.reference.toLowerCase())).reference).toBe(
      request.reference,
    );
    expect((await engine.getInstance(evan, String(request.instanceId))).reference).toBe(request.reference);
    const task = await firstTask(bob);
    expect((await engine.getTask(bob, task)).instance.reference).toBe(request.reference);
    expect(await refusal(engine.getTask(fiona, task))).toBe('not_found');
  });

  it('search finds finished requests only, within what the viewer may see', async () => {
    const evans = submitted(
      await engine.submitRequest(evan, 'leave', leaveForm(monday, monday, { reason: 'Dentist' })),
    );
    const graces = submitted(
      await engine.submitRequest(grace, 'leave', leaveForm(monday, monday, { reason: 'Moving house' })),
    );
    const open = submitted(
      await engine.submitRequest(evan, 'leave', leaveForm(addDays(monday, 7), addDays(monday, 7))),
    );
    await engine.approve(
      bob,
      (await engine.listPendingTasks(bob)).items.find((t) => t.instance.id === evans.instanceId)!.taskId,
    );
    await engine.reject(carol, await firstTask(carol), 'Busy week');

    const refs = async (viewer: string, filters = {}) =>
      (await engine.searchInstances(viewer, filters)).items.map((i) => i.reference).sort();
    expect(await refs(alice)).toEqual([evans.reference, graces.reference].sort());
    expect(await refs(evan)).toEqual([evans.reference]);
    expect(await refs(bob)).toEqual([evans.reference]);
    expect(await refs(carol)).toEqual([evans.reference, graces.reference].sort()); // approver of one, CC of the other
    expect(await refs(fiona)).toEqual([]);
    expect(await refs(alice, { text: 'dentist' })).toEqual([evans.reference]);
    expect(await refs(alice, { text: 'wang' })).toEqual([]); // Bob approved, but text matches requester and fields
    expect(await refs(alice, { text: 'Grace' })).toEqual([graces.reference]);
    expect(await refs(alice, { text: '100%_' })).toEqual([]);
    expect(await refs(alice, { reference: graces.reference.toLowerCase() })).toEqual([graces.reference]);
    expect(await refs(alice, { reference: open.reference })).toEqual([]); // still open: not archived
    expect(await refs(alice, { person: grace })).toEqual([graces.reference]);
    expect(await refs(alice, { status: 'rejected' })).toEqual([graces.reference]);
    expect(await refs(alice, { templateKey: 'document' })).toEqual([]);
    const today = todayIn('Asia/Taipei');
    expect(await refs(alice, { from: today, to: today })).toHaveLength(2);
    expect(await refs(alice, { to: addDays(today, -1) })).toEqual([]);
    expect(await refusal(engine.searchInstances(alice, { status: 'in_review' }))).toBe('invalid_input');
    expect(await refusal(engine.searchInstances(alice, { from: 'yesterday' }))).toBe('invalid_input');
    const page = await engine.searchInstances(alice, { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(await engine.searchInstances(alice, { limit: 1000, offset: 5 })).toMatchObject({
      items: [],
      total: 2,
      limit: 50,
    });
  });

  it('lists my requests and my pending tasks, paginated', async () => {
    for (const day of [0, 1, 7]) {
      const start = addDays(monday, day);
      submitted(await engine.submitRequest(evan, 'leave', leaveForm(start, start)));
    }
    const mine = await engine.listMyRequests(evan, { limit: 2 });
    expect(mine).toMatchObject({ total: 3, offset: 0, limit: 2 });
    expect(mine.items.map((i) => i.reference)).toEqual([
      expect.stringMatching(/-0003$/),
      expect.stringMatching(/-0002$/),
    ]);
    const tasks = await engine.listPendingTasks(bob, { offset: 2, limit: 2 });
    expect(tasks).toMatchObject({ total: 3, offset: 2 });
    expect(tasks.items.map((t) => t.instance.reference)).toEqual([expect.stringMatching(/-0003$/)]);
    expect((await engine.listMyRequests(evan, { status: 'approved' })).total).toBe(0);
  });
});

describe('CSV export', () => {
  it('admins only; one row per request submitted in the range; audited', async () => {
    const request = submitted(
      await engine.submitRequest(
        evan,
        'leave',
        leaveForm(monday, addDays(monday, 1), { reason: 'Trip, "abroad"' }),
      ),
    );
    await engine.approve(bob, await firstTask(bob));
    submitted(
      await engine.submitRequest(fiona, 'project', {
        name: '=cmd()',
        budget: 10,
        start_date: monday,
        description: 'x',
      }),
    );
    const today = todayIn('Asia/Taipei');
    expect(await refusal(engine.exportCsv(bob, { from: today, to: today }))).toBe('admin_only');
    expect(await refusal(engine.exportCsv(alice, { from: today, to: addDays(today, -1) }))).toBe(
      'invalid_input',
    );

    const csv = await engine.exportCsv(alice, { from: today, to: today });
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(EXPORT_HEADER.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${request.reference},leave,1,approved,Evan Lee,${evan},finance,`);
    expect(lines[1]).toContain('Department head: Bob Wang approved');
    expect(lines[1]).toContain('Reason: Trip, ""abroad""');
    // A cell starting like a formula is defused.
    expect(lines[2]).toContain(",'=cmd() · 10 NT$,");
    expect(await engine.exportCsv(alice, { from: addDays(today, -10), to: addDays(today, -1) })).toBe(
      `${CSV_BOM}${EXPORT_HEADER.join(',')}\r\n`,
    );
    const audit = (await findAuditRows({ actor: alice })).filter((row) => row.action === 'workflow.exported');
    expect(audit.at(-2)).toMatchObject({ subjectId: `${today}..${today}`, after: { rows: 2 } });
  });

  it('keeps every revision’s decisions, reasons and opinions, and names who withdrew (issue 13 items 10, 11, 26)', async () => {
    const revised = submitted(
      await engine.submitRequest(evan, 'leave', leaveForm(addDays(monday, 2), addDays(monday, 2))),
    );
    await engine.reject(bob, await firstTask(bob), 'Month-end closing');
    submitted(
      await engine.resubmit(evan, revised.instanceId, leaveForm(addDays(monday, 3), addDays(monday, 3))),
    );
    await engine.approveWithOpinion(bob, await firstTask(bob), 'Back before the audit, please');
    const withdrawn = submitted(
      await engine.submitRequest(evan, 'leave', leaveForm(addDays(monday, 4), addDays(monday, 4))),
    );
    await engine.withdraw(evan, withdrawn.instanceId);

    const today = todayIn('Asia/Taipei');
    const lines = (await engine.exportCsv(alice, { from: today, to: today })).split('\r\n');
    const revisedLine = lines.find((line) => line.startsWith(`${revised.reference},`)) ?? '';
    expect(revisedLine).toMatch(
      /r1 Department head: Bob Wang rejected .*; r2 Department head: Bob Wang approved/,
    );
    // Each decision with its reason or the approver's opinion (item 26).
    expect(revisedLine).toMatch(
      /rejected \S+ — Month-end closing; r2 Department head: Bob Wang approved \S+ — Back before the audit, please/,
    );
    const withdrawnLine = lines.find((line) => line.startsWith(`${withdrawn.reference},`)) ?? '';
    expect(withdrawnLine).toContain('Evan Lee withdrawn');
    expect(withdrawnLine).not.toContain('Bob Wang withdrawn');
  });
});

describe('registration', () => {
  it('the head of the chosen department approves; the person becomes an active user there', async () => {
    const newcomer = 'U0NEWCOMER';
    const input = { name: 'Nora Newcomer', departmentKey: 'hr', position: 'Clerk', contact: 'ext. 2231' };
    expect(
      await engine.submitRegistration(newcomer, { ...input, departmentKey: 'nowhere', name: '' }),
    ).toEqual({
      ok: false,
      errors: { name: { code: 'required' }, department: { code: 'unknown_department' } },
    });
    const request = submitted(await engine.submitRegistration(newcomer, input, { idempotencyKey: 'reg-1' }));
    expect(request.reference).toMatch(/^REG-\d{4}-0001$/);
    expect(await engine.submitRegistration(newcomer, input, { idempotencyKey: 'reg-1' })).toEqual({
      ...request,
      duplicate: true,
    });
    expect(await refusal(engine.submitRegistration(newcomer, input))).toBe('already_pending');
    expect(await refusal(engine.submitRegistration(evan, input))).toBe('already_registered');
    expect(await refusal(engine.submitRegistration(ivy, input))).toBe('suspended');

    // The registrant follows their request before being in the directory.
    const view = await engine.getInstance(newcomer, request.reference);
    expect(view.requester).toMatchObject({
      personId: null,
      slackUserId: newcomer,
      name: 'Nora Newcomer',
      department: { key: 'hr' },
    });
    expect(view.steps[0]!.approvers.map((a) => a.name)).toEqual(['Carol Huang']);
    expect((await engine.listMyRequests(newcomer)).items.map((i) => i.reference)).toEqual([
      request.reference,
    ]);
    await engine.comment(newcomer, request.instanceId, 'I start on Monday');
    expect(await refusal(engine.approve(bob, await firstTask(carol)))).toBe('not_your_task');

    await engine.approve(carol, await firstTask(carol), 'Welcome');
    const person = await Person.findOne({ where: { slackUserId: newcomer } });
    const hr = await Department.findOne({ where: { key: 'hr' } });
    expect(person).toMatchObject({
      name: 'Nora Newcomer',
      departmentId: hr!.id,
      position: 'Clerk',
      contact: 'ext. 2231',
      status: 'active',
      roles: ['user'],
    });
    expect((await engine.getInstance(newcomer, request.reference)).requester.personId).toBe(person!.id);
    const audit = await findAuditRows({ subjectType: 'person', subjectId: newcomer });
    expect(audit.map((row) => [row.actor, row.action])).toEqual([[carol, 'person.registered']]);
    expect(await outboxSummary(request.instanceId)).toEqual([
      `task_assigned→${carol}`,
      `request_updated→${newcomer}`,
      `comment_added→${carol}`,
      `request_updated→${newcomer}`,
      `task_decided→${carol}`,
      `request_updated→${newcomer}`,
      `request_decided→${newcomer}`,
    ]);
    // Now registered: they may start requests, and cannot register again.
    expect(await refusal(engine.submitRegistration(newcomer, input))).toBe('already_registered');
    expect((await engine.submitRequest(newcomer, 'leave', leaveForm(monday, monday))).ok).toBe(true);
  });

  it('a rejected registrant stays out; a department without a head sends it to the admins', async () => {
    await Department.create({
      key: 'archive',
      name: 'Archive',
      nameZh: '檔案室',
      parentId: null,
      headPersonId: null,
    });
    const request = submitted(
      await engine.submitRegistration('U0STRANGER', {
        name: 'Sam',
        departmentKey: 'archive',
        position: 'Archivist',
        contact: 'sam@x',
      }),
    );
    const view = await engine.getInstance('U0STRANGER', request.reference);
    expect(view.steps[0]).toMatchObject({ fallback: 'admins', approvers: [{ name: 'Alice Chen' }] });
    await engine.reject(alice, await firstTask(alice), 'Not one of ours');
    expect(await Person.findOne({ where: { slackUserId: 'U0STRANGER' } })).toBeNull();
    expect(await refusal(engine.withdraw('U0STRANGER', request.instanceId))).toBe('invalid_state');
    expect(await refusal(engine.getInstance('U0OTHER01', request.reference))).toBe('not_found');
  });
});

describe('holidays', () => {
  it('admins add and remove them (audited); leave counts them', async () => {
    const wednesday = addDays(monday, 2);
    expect(
      await refusal(engine.addHoliday(bob, { date: wednesday, name: { en: 'Typhoon day', zh: '颱風假' } })),
    ).toBe('admin_only');
    await engine.addHoliday(alice, { date: wednesday, name: { en: 'Typhoon day', zh: '颱風假' } });
    expect(
      await refusal(engine.addHoliday(alice, { date: wednesday, name: { en: 'Again', zh: '再' } })),
    ).toBe('holiday_exists');
    expect(await refusal(engine.addHoliday(alice, { date: '2026-02-30', name: { en: 'x', zh: 'x' } }))).toBe(
      'invalid_input',
    );
    expect(await engine.listHolidays(evan, { from: monday, to: addDays(monday, 6) })).toEqual([
      { date: wednesday, name: { en: 'Typhoon day', zh: '颱風假' } },
    ]);
    const request = submitted(
      await engine.submitRequest(evan, 'leave', leaveForm(monday, addDays(monday, 4))),
    );
    expect((await engine.getInstance(evan, request.reference)).values.working_days).toBe(4);
    // Four days still need the leader.
    expect((await engine.getInstance(evan, request.reference)).steps).toHaveLength(2);

    await engine.removeHoliday(alice, wednesday);
    expect(await refusal(engine.removeHoliday(alice, wednesday))).toBe('not_found');
    expect(
      (await findAuditRows({ subjectType: 'holiday', subjectId: wednesday })).map((r) => r.action),
    ).toEqual(['holiday.added', 'holiday.removed']);
    // A submitted request keeps the days it was counted with.
    expect((await engine.getInstance(evan, request.reference)).values.working_days).toBe(4);
  });

  it('ships this year’s and next year’s public holidays', async () => {
    const dates = (await engine.listHolidays(evan, { from: '2026-01-01', to: '2027-12-31' })).map(
      (h) => h.date,
    );
    expect(dates).toEqual(expect.arrayContaining(['2026-10-09', '2027-01-01', '2027-06-09', '2027-12-24']));
    expect(await refusal(engine.listHolidays('U0UNKNOWN9'))).toBe('not_registered');
  });
});
