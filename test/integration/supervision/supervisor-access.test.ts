import { QueryTypes } from 'sequelize';
import { Person } from '../../../src/db/models';
import { SqlFindingStore } from '../../../src/db/repositories/findings.repository';
import { auditStore } from '../../../src/db/stores/audit.store';
import { orgStore } from '../../../src/db/stores/org.store';
import { createAuditLog } from '../../../src/domain/audit/audit.service';
import { createSpotChecks, SpotCheckError } from '../../../src/domain/supervision/spot-check.service';
import { addDays } from '../../../src/domain/workflows/working-days';
import { announcements, auditReader, workflows as engine, spotChecks } from '../../support/workflows';
import { leaveForm, PEOPLE, refusal, submitted, useWorkflowDatabase } from '../workflows-support';

/**
 * The supervision group (監督小組) reads every request, announcement and the audit log and
 * decides nothing (requirements §八); spot-check findings are closed only by a supervisor or the
 * follow-up owner, and chased at most once a day.
 */
const { alice, bob, evan, fiona, grace } = PEOPLE;
const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });

beforeAll(async () => {
  await Person.update({ roles: ['supervisor'] }, { where: { slackUserId: fiona } });
});

const spotRefusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpotCheckError) return error.refusal.code;
    throw error;
  }
  throw new Error('not refused');
};

describe('a supervisor', () => {
  it('sees any request and finds it in search, but cannot decide or cancel it', async () => {
    const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
    const task = (await engine.listPendingTasks(bob)).items[0]!.taskId;
    expect((await engine.getInstance(fiona, request.reference)).reference).toBe(request.reference);
    expect(await refusal(engine.getInstance(grace, request.reference))).toBe('not_found');
    expect(await refusal(engine.approve(fiona, task))).toBe('not_your_task');
    expect(await refusal(engine.reject(fiona, task, 'No'))).toBe('not_your_task');
    expect(await refusal(engine.cancel(fiona, request.instanceId, 'No'))).toBe('admin_only');
    await engine.approve(bob, task);
    expect((await engine.searchInstances(fiona, {})).items.map((item) => item.reference)).toContain(
      request.reference,
    );
    expect((await engine.searchInstances(grace, {})).total).toBe(0);
  });

  it('sees an announcement outside its audience, and may not manage it', async () => {
    const result = await announcements.submitAnnouncement(alice, {
      title: 'Finance only',
      body: 'Month-end closing',
      category: 'notice',
      importance: 'normal',
      audience: 'departments',
      departments: ['finance'],
      channels: [],
      requireAck: false,
      publishAt: null,
      expiresAt: null,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const seen = await announcements.getAnnouncement(fiona, result.reference);
    expect(seen.manageable).toBe(false);
    await expect(announcements.getAnnouncement(grace, result.reference)).rejects.toThrow();
  });

  it('reads the audit log, which employees may not', async () => {
    const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
    const rows = await auditReader.latest(fiona, { kind: 'reference', reference: request.reference });
    expect(rows.map((row) => row.action)).toContain('workflow.submitted');
    const evanRows = await auditReader.latest(alice, { kind: 'person', slackUserId: evan });
    expect(evanRows.length).toBeGreaterThan(0);
    expect(evanRows.every((row) => row.actor === evan || row.subjectType === 'person')).toBe(true);
    await expect(auditReader.latest(grace)).rejects.toThrow('audit read refused: not_allowed');
  });
});

describe('a spot check', () => {
  it('samples only finished items, in the department asked and those below it', async () => {
    const { carol, daniel } = PEOPLE;
    const evans = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
    const graces = submitted(await engine.submitRequest(grace, 'leave', leaveForm(monday, monday)));
    const tuesday = addDays(monday, 1);
    const pending = submitted(await engine.submitRequest(evan, 'leave', leaveForm(tuesday, tuesday)));
    await engine.approve(
      bob,
      (await engine.listPendingTasks(bob)).items.find((i) => i.instance.reference === evans.reference)!
        .taskId,
    );
    await engine.reject(carol, (await engine.listPendingTasks(carol)).items[0]!.taskId, 'Busy week');
    const whole = await spotChecks.draw(fiona, { type: 'request', n: 20, seed: 3 });
    expect(whole.items.map((item) => item.reference).sort()).toEqual(
      [evans.reference, graces.reference].sort(),
    );
    expect(whole.items.map((item) => item.reference)).not.toContain(pending.reference);
    const finance = await spotChecks.draw(fiona, { type: 'request', departmentKey: 'finance', seed: 3 });
    expect(finance.items.map((item) => item.reference)).toEqual([evans.reference]);
    expect(finance.population).toBe(1);
    // general-office has IT below it, and neither has a finished request.
    expect(
      (await spotChecks.draw(fiona, { type: 'request', departmentKey: 'general-office', seed: 3 })).items,
    ).toEqual([]);
    expect(
      await spotChecks
        .draw(daniel, { type: 'request', seed: 3 })
        .catch((e: SpotCheckError) => e.refusal.code),
    ).toBe('not_allowed');
    expect(await spotRefusal(spotChecks.draw(fiona, { type: 'request', n: 21 }))).toBe('too_many');
    expect(await spotRefusal(spotChecks.draw(fiona, { type: 'file', departmentKey: 'nowhere' }))).toBe(
      'unknown_department',
    );
  });
});

describe('findings', () => {
  it('are closed by a supervisor or the follow-up owner only, and chased once a day', async () => {
    const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
    await engine.approve(bob, (await engine.listPendingTasks(bob)).items[0]!.taskId);
    const { finding } = await spotChecks.recordVerdict(fiona, {
      type: 'request',
      itemId: request.instanceId,
      seed: 5,
      outcome: 'problem',
      note: 'No reason given',
      followUpSlackId: bob,
    });
    expect(
      await spotRefusal(
        spotChecks.recordVerdict(evan, {
          type: 'request',
          itemId: request.instanceId,
          seed: 5,
          outcome: 'conforms',
        }),
      ),
    ).toBe('not_allowed');
    expect(await spotRefusal(spotChecks.closeFinding(grace, finding.id, 'Done'))).toBe('not_allowed');
    expect((await spotChecks.openFindingsFor(bob)).map((row) => row.id)).toEqual([finding.id]);
    expect(await spotChecks.openFindingsFor(grace)).toEqual([]);

    await db.sequelize.query(
      "UPDATE supervision_findings SET created_at = now() - interval '10 days' WHERE id = $1",
      { bind: [finding.id] },
    );
    let now = new Date();
    const clocked = createSpotChecks({
      store: new SqlFindingStore(() => db.sequelize),
      directory: orgStore,
      audit: createAuditLog(auditStore),
      clock: { now: () => now },
      settings: { remindAfterWorkingDays: 2, timeZone: 'Asia/Taipei', workingDays: [1, 2, 3, 4, 5] },
    });
    expect((await clocked.claimReminders()).map((row) => row.id)).toEqual([finding.id]);
    expect(await clocked.claimReminders()).toEqual([]);
    now = new Date(Date.now() + 21 * 3600_000);
    expect((await clocked.claimReminders()).map((row) => row.id)).toEqual([finding.id]);

    await spotChecks.closeFinding(bob, finding.id, 'Reason added');
    expect(await spotRefusal(spotChecks.closeFinding(fiona, finding.id, 'Again'))).toBe('already_closed');
    now = new Date(Date.now() + 48 * 3600_000);
    expect(await clocked.claimReminders()).toEqual([]);
    const audit = await db.sequelize.query<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE subject_type = 'finding' ORDER BY id",
      { type: QueryTypes.SELECT },
    );
    expect(audit).toEqual([
      { action: 'finding.recorded', actor: fiona },
      { action: 'finding.closed', actor: bob },
    ]);
  });
});
