import { randomBytes } from 'node:crypto';
import { SqlFindingStore } from '../../../src/db/repositories/findings.repository';
import { auditStore } from '../../../src/db/stores/audit.store';
import { orgStore } from '../../../src/db/stores/org.store';
import { createAuditLog } from '../../../src/domain/audit/audit.service';
import { createSpotChecks } from '../../../src/domain/supervision/spot-check.service';
import { FindingReminders } from '../../../src/jobs/finding-reminders';
import { createQueueBackend, type QueueBackend } from '../../../src/jobs/queue-backend';
import { createLogger } from '../../../src/logger';
import { workflows as engine } from '../../support/workflows';
import { leaveForm, PEOPLE, submitted, useWorkflowDatabase } from '../workflows-support';

/**
 * The daily chase of open findings: two replicas checking at once remind each follow-up owner
 * once; a closed finding, or one reminded less than a day ago, is not chased.
 */
const { alice: admin, bob, evan } = PEOPLE;
const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });
const logger = createLogger('silent');
const backends: QueueBackend[] = [];
afterAll(async () => {
  for (const backend of backends) await backend.close();
});

it('reminds each follow-up owner once a day, whichever replica checks', async () => {
  let now = new Date();
  const spotChecks = createSpotChecks({
    store: new SqlFindingStore(() => db.sequelize),
    directory: orgStore,
    audit: createAuditLog(auditStore),
    clock: { now: () => now },
    settings: { remindAfterWorkingDays: 1, timeZone: 'Asia/Taipei', workingDays: [1, 2, 3, 4, 5] },
  });
  const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
  await engine.approve(bob, (await engine.listPendingTasks(bob)).items[0]!.taskId);
  const open = await spotChecks.recordVerdict(admin, {
    type: 'request',
    itemId: request.instanceId,
    seed: 9,
    outcome: 'problem',
    note: 'Missing attachment',
    followUpSlackId: bob,
  });
  const closed = await spotChecks.recordVerdict(admin, {
    type: 'request',
    itemId: request.instanceId,
    seed: 10,
    outcome: 'problem',
    note: 'Another',
    followUpSlackId: evan,
  });
  await spotChecks.closeFinding(evan, closed.finding.id, 'Done');
  await db.sequelize.query("UPDATE supervision_findings SET created_at = now() - interval '8 days'");

  const sent: string[] = [];
  const replicas = [0, 1].map(() => {
    const backend = createQueueBackend({
      redisUrl: 'redis://127.0.0.1:6379',
      databaseUrl: db.url,
      namespace: `test_${randomBytes(4).toString('hex')}`,
      logger,
    });
    backends.push(backend);
    return new FindingReminders(backend, logger, spotChecks, async (slackUserId, finding) => {
      sent.push(`${slackUserId} #${finding.id}`);
    });
  });
  const counts = await Promise.all(replicas.map((replica) => replica.check()));
  expect(counts.sort()).toEqual([0, 1]);
  expect(sent).toEqual([`${bob} #${open.finding.id}`]);
  expect(await replicas[0]!.check()).toBe(0);
  now = new Date(Date.now() + 21 * 3600_000);
  expect(await replicas[1]!.check()).toBe(1);
  expect(sent).toHaveLength(2);
});
