import { randomBytes } from 'node:crypto';
import { createQueueBackend, type QueueBackend } from '../../../src/jobs/queue-backend';
import { createLogger } from '../../../src/logger';
import { createCourierClient } from '../../../src/slack/slack-errors';
import { UserContextResolver } from '../../../src/slack/user-context';
import { createMonthlyReports } from '../../../src/wiring/monthly-reports';
import { useOutboxWorld } from '../../support/outbox-world';
import { TEST_REDIS_URL } from '../../support/redis';
import { org, reports, workflows } from '../../support/workflows';

/**
 * The monthly report: two schedulers (two replicas, each with its own queue connection) check
 * at the same moment on the first working day of December 2026 after 09:00 in Taipei; each head
 * gets their department's November report once, the supervisors and admins the organisation's.
 */
jest.setTimeout(120_000);

const logger = createLogger('silent');
const backends: QueueBackend[] = [];
const world = useOutboxWorld(logger, {
  beforeStop: async () => {
    for (const backend of backends) await backend.close();
  },
});

function replica() {
  const backend = createQueueBackend({
    redisUrl: TEST_REDIS_URL,
    databaseUrl: world.db.url,
    namespace: `monthly_${randomBytes(4).toString('hex')}`,
    logger,
  });
  backends.push(backend);
  const client = createCourierClient(
    { botToken: world.emulator.botToken, apiUrl: world.emulator.apiUrl },
    logger,
  );
  return createMonthlyReports({
    queue: backend,
    logger,
    client,
    users: new UserContextResolver(client, { locale: 'en', timezone: 'Asia/Taipei' }, logger),
    org,
    reports,
    workflows,
    schedule: { timeZone: 'Asia/Taipei', workingDays: [1, 2, 3, 4, 5] },
  });
}

/** The report messages (not the charts' comments) each person got in their DM. */
function reportsIn(slackUserId: string): string[] {
  return world.emulator
    .messages(world.emulator.dmChannelOf(slackUserId))
    .map((message) => message.text ?? '')
    .filter((text) => /Report 2026-11|2026-11 報表/.test(text));
}

it('sends each recipient exactly one report, whichever replica checks and however often', async () => {
  await world.db.sequelize.query("DELETE FROM holidays WHERE date BETWEEN '2026-12-01' AND '2026-12-31'");
  // Fiona joins the supervision group: she gets the whole organisation's report.
  await world.db.sequelize.query(
    "UPDATE people SET roles = ARRAY['user', 'supervisor']::varchar(16)[] WHERE slack_user_id = 'U01FIONA0'",
  );
  const [first, second] = [replica(), replica()];
  // Not before 09:00, and not on another day than the month's first working day (Tue 1 Dec).
  expect(await first.check(new Date('2026-12-01T08:59:00+08:00'))).toBeNull();
  expect(await first.check(new Date('2026-12-02T09:30:00+08:00'))).toBeNull();

  const at = new Date('2026-12-01T09:05:00+08:00');
  const runs = await Promise.all([first.check(at), second.check(at)]);
  expect(runs.map((run) => run?.month)).toEqual(['2026-11', '2026-11']);
  // Alice (admin, head), Bob, Carol, Daniel (heads), Fiona (supervisor): five, split between them.
  expect(runs.reduce((sum, run) => sum + (run?.sent ?? 0), 0)).toBe(5);
  expect(runs.reduce((sum, run) => sum + (run?.failed ?? 0), 0)).toBe(0);
  // A later check the same day, on either replica, sends nothing more.
  expect(await second.check(new Date('2026-12-01T17:00:00+08:00'))).toEqual({
    month: '2026-11',
    sent: 0,
    failed: 0,
  });

  for (const person of ['U01ALICE0', 'U01BOB000', 'U01CAROL0', 'U01DANIEL', 'U01FIONA0'])
    expect(reportsIn(person)).toHaveLength(1);
  expect(reportsIn('U01EVAN00')).toEqual([]);
  expect(reportsIn('U01BOB000')[0]).toMatch(/Finance|財務處/);
  expect(reportsIn('U01FIONA0')[0]).toMatch(/whole organisation|全機關/);
  // The charts went with each report, as PNG files into the same DMs.
  const pngs = world.emulator.files().filter((file) => file.filetype === 'png');
  expect(pngs).toHaveLength(10);
});
