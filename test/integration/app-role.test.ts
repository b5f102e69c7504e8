import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { QueryTypes } from 'sequelize';
import { ADMIN_DATABASE_URL } from '../support/database';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * Issue 13 item 21: the app's own database role owned the audit log, so it could switch off the
 * guard (ALTER TABLE … DISABLE TRIGGER) or replace its function. Migrations now run as the owner
 * (DATABASE_MIGRATION_URL) and the app as a member of gongwu_app (migration 0011), which can read
 * and append to the audit log and change no schema — and the whole app works as that role.
 */
const role = `gongwu_app_t_${randomBytes(4).toString('hex')}`;
let running: RunningPlatform;
let appUrl: string;
let asApp: Client;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const withUser = (url: string, user: string) => {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = '';
  return parsed.toString();
};

beforeAll(async () => {
  // gongwu_app exists once any database of the cluster is migrated; make sure it does here.
  await admin(
    `DO $$ BEGIN CREATE ROLE gongwu_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
  );
  await admin(`CREATE ROLE ${role} LOGIN IN ROLE gongwu_app`);
  running = await startTestPlatform({
    appDatabaseUrl: (url) => {
      appUrl = withUser(url, role);
      return appUrl;
    },
    migrateAsOwner: true,
  });
  asApp = new Client({ connectionString: appUrl });
  await asApp.connect();
}, 60_000);

afterAll(async () => {
  await asApp?.end();
  await running?.stop();
  await admin(`DROP ROLE IF EXISTS ${role}`);
});

const refused = (sql: string) => expect(asApp.query(sql)).rejects.toThrow(/permission denied|must be owner/);

it('connects as the restricted role', async () => {
  const { rows } = await asApp.query<{ user: string }>('SELECT current_user AS user');
  expect(rows[0]?.user).toBe(role);
});

it('may read and append to the audit log, never change it or its guard', async () => {
  await asApp.query(
    "INSERT INTO audit_log (actor, action, subject_type, subject_id) VALUES ('test', 'test.append', 'test', '1')",
  );
  const { rows } = await asApp.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.append'");
  expect(rows[0]?.n).toBe(1);
  await refused("UPDATE audit_log SET actor = 'someone else'");
  await refused('DELETE FROM audit_log');
  await refused('TRUNCATE audit_log');
  await refused('ALTER TABLE audit_log DISABLE TRIGGER ALL');
  await refused(
    'CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
  );
  await refused('DROP TABLE audit_log');
});

it('may read and append to the maintenance log, never change it or its guard', async () => {
  await asApp.query(
    "INSERT INTO maintenance_log (category, kind, summary) VALUES ('maintenance', 'config_changed', 'test.append')",
  );
  const { rows } = await asApp.query(
    "SELECT count(*)::int AS n FROM maintenance_log WHERE summary = 'test.append'",
  );
  expect(rows[0]?.n).toBe(1);
  await refused("UPDATE maintenance_log SET summary = 'rewritten'");
  await refused('DELETE FROM maintenance_log');
  await refused('TRUNCATE maintenance_log');
  await refused('ALTER TABLE maintenance_log DISABLE TRIGGER ALL');
  await refused('DROP TABLE maintenance_log');
  // The guard holds for the owner too: only a migration dropping the table removes rows.
  await expect(
    running.db.sequelize.query("DELETE FROM maintenance_log WHERE summary = 'test.append'"),
  ).rejects.toThrow(/append-only: DELETE refused/);
});

it('changes no schema', async () => {
  await refused('DROP TABLE workflow_instances');
  await refused('ALTER TABLE outbox ADD COLUMN sneaky integer');
  await refused('CREATE TABLE sneaky (id integer)');
  await refused('DELETE FROM schema_migrations');
});

it('runs the whole app: a request submitted and approved as that role', async () => {
  const emu = running.emulator;
  const before = emu.ephemerals('U01EVAN00').length;
  await emu.as('U01EVAN00').command('/leave', '2027-08-03 2027-08-03 annual As the app role');
  await emu.waitFor(() => emu.ephemerals('U01EVAN00').length > before, { timeoutMs: 5000 });
  const reference = /LV-\d{4}-\d{4}/.exec(JSON.stringify(emu.ephemerals('U01EVAN00').at(-1)))?.[0];
  if (!reference) throw new Error('no reference in the reply');
  const card = await emu.waitFor(
    () =>
      emu
        .messages(emu.dmChannelOf('U01BOB000'))
        .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('wf_approve')),
    { timeoutMs: 10_000, description: 'the approver card' },
  );
  const click = await emu
    .as('U01BOB000')
    .clickButton({ actionId: 'wf_approve', in: { channel: emu.dmChannelOf('U01BOB000'), ts: card.ts } });
  expect(click.status).toBe(200);
  const [row] = await running.db.sequelize.query<{ status: string; audits: number }>(
    `SELECT i.status, (SELECT count(*)::int FROM audit_log WHERE subject_id = i.reference) AS audits
       FROM workflow_instances i WHERE i.reference = :reference`,
    { replacements: { reference }, type: QueryTypes.SELECT },
  );
  expect(row?.status).toBe('approved');
  expect(row?.audits).toBeGreaterThanOrEqual(2);
}, 30_000);
