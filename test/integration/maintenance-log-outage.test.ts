import { QueryTypes, Sequelize } from 'sequelize';
import { ConnectivityWatch } from '../../src/jobs/connectivity-watch';
import { createLogger } from '../../src/logger';
import { createMaintenanceLogService } from '../../src/wiring/maintenance';
import { useTestDatabase } from '../support/database';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * Writing the log must never break what it records, and the database is often what is down: an
 * entry it refused waits in memory and is written, in order, with the next one; the outage itself
 * is written once the database answers again, with its start and end. A real PostgreSQL behind a
 * proxy the test cuts.
 */
const db = useTestDatabase();
let proxy: TcpProxy;
let throughProxy: Sequelize;

beforeAll(async () => {
  const target = new URL(db.url);
  proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
  const url = new URL(db.url);
  url.port = String(proxy.port);
  throughProxy = new Sequelize(url.toString(), {
    dialect: 'postgres',
    logging: false,
    pool: { max: 2, acquire: 3000 },
    dialectOptions: { connectionTimeoutMillis: 1000 },
  });
});
afterAll(async () => {
  await throughProxy.close();
  await proxy.stop();
});

it('keeps what it could not write, then writes it with the outage, in order', async () => {
  const log = createMaintenanceLogService({
    timeZone: 'Asia/Taipei',
    logger: createLogger('silent'),
    database: () => throughProxy,
  });
  const watch = new ConnectivityWatch(
    {
      database: async () => {
        await throughProxy.query('SELECT 1');
      },
      queue: async () => undefined,
    },
    log,
    createLogger('silent'),
    'redis',
  );
  await watch.check(new Date('2026-12-05T10:00:00Z'));
  proxy.cut();
  await watch.check(new Date('2026-12-05T10:00:15Z'));
  // Recorded while the database is away: no error, kept for later.
  await expect(
    log.record({ kind: 'backup_failed', summary: 'backup failed: database away', requestId: null }),
  ).resolves.toBeUndefined();
  expect(log.pendingCount()).toBe(1);
  proxy.restore();
  // The pool may hand out a connection the cut killed: the first look after may still fail.
  for (let look = 0; look < 5 && log.pendingCount() > 0; look += 1)
    await watch.check(new Date('2026-12-05T10:01:00Z'));
  expect(log.pendingCount()).toBe(0);
  const rows = await db.sequelize.query<{ kind: string; details: { seconds?: number } }>(
    'SELECT kind, details FROM maintenance_log ORDER BY id',
    { type: QueryTypes.SELECT },
  );
  expect(rows.map((row) => row.kind)).toEqual(['backup_failed', 'database_unreachable']);
  expect(rows[1]?.details.seconds).toBe(45);
});
