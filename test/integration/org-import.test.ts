import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { QueryTypes } from 'sequelize';
import { slackEmailLookup } from '../../src/cli/org-import';
import { AuditEntry, Department, Person } from '../../src/db/models';
import { SYSTEM_ACTORS } from '../../src/domain/audit/model';
import { type OrgFile, readOrgFile } from '../../src/domain/org/org-file';
import type { OrgImportResult } from '../../src/domain/org/org-import.service';
import { createOrg } from '../../src/wiring/org';
import { createTestDatabase, type TestDatabase } from '../support/database';

const { importOrgFile } = createOrg();

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'org.yaml');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'org');

async function example(): Promise<OrgFile> {
  const result = await readOrgFile(EXAMPLE);
  if (!result.ok) throw new Error(`examples/org.yaml is invalid: ${JSON.stringify(result.problems)}`);
  return result.file;
}

/** Every person in the example has a slack_id, so a lookup is a mistake. */
const noLookup = async (email: string): Promise<string | null> => {
  throw new Error(`unexpected lookup of ${email}`);
};

/** A real lookup over a directory of known emails; records what it was asked. */
function lookupFrom(directory: Record<string, string>) {
  const asked: string[] = [];
  const lookup = async (email: string) => {
    asked.push(email);
    return directory[email] ?? null;
  };
  return { lookup, asked };
}

function reportOf(result: OrgImportResult) {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems, null, 2)}`);
  return result.report;
}

function problemsOf(result: OrgImportResult) {
  if (result.ok) throw new Error(`expected problems, the import succeeded: ${JSON.stringify(result.report)}`);
  return result.problems;
}

const departmentByKey = async (key: string) => {
  const department = await Department.findOne({ where: { key } });
  if (!department) throw new Error(`no department ${key}`);
  return department;
};
const personBySlackId = async (slackUserId: string) => {
  const person = await Person.findOne({ where: { slackUserId } });
  if (!person) throw new Error(`no person ${slackUserId}`);
  return person;
};
const counts = async () => ({
  departments: await Department.count(),
  people: await Person.count(),
  audit: await AuditEntry.count(),
});

const person = (entry: OrgFile['people'][number], changes: Partial<OrgFile['people'][number]>) =>
  Object.assign(entry, changes);
const find = <T extends { slackId?: string; key?: string }>(list: T[], id: string): T => {
  const found = list.find((item) => item.slackId === id || item.key === id);
  if (!found) throw new Error(`no ${id} in the file`);
  return found;
};

/** The columns a person has before anyone has said anything about them. */
const unknownPerson = {
  slackUserId: null,
  departmentId: null,
  position: null,
  contact: null,
  locale: null,
  timezone: null,
};

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.drop();
});

describe('importOrgFile', () => {
  it('imports the example organisation with parents, heads and an audit row per entity', async () => {
    const report = reportOf(await importOrgFile(await example(), { lookupSlackIdByEmail: noLookup }));

    expect(report.departments).toEqual({
      added: ['general-office', 'finance', 'hr', 'it'],
      changed: [],
      unchanged: 0,
    });
    expect(report.people.added).toHaveLength(10);
    expect(report.people.added[0]).toEqual({ slackId: 'U01LEADER', name: 'Lin Chih-ming' });
    expect(report.people).toMatchObject({ changed: [], unchanged: 0 });

    const generalOffice = await departmentByKey('general-office');
    const it = await departmentByKey('it');
    const hr = await departmentByKey('hr');
    const alice = await personBySlackId('U01ALICE0');
    const carol = await personBySlackId('U01CAROL0');
    expect(generalOffice).toMatchObject({ name: 'General Office', nameZh: '綜合辦公室', parentId: null });
    expect(generalOffice.headPersonId).toBe(alice.id);
    expect(it.parentId).toBe(generalOffice.id);
    expect(it.headPersonId).toBe((await personBySlackId('U01DANIEL')).id);
    expect(hr.headPersonId).toBe(carol.id); // the head given by email
    expect(alice).toMatchObject({
      email: 'alice.chen@example.org',
      name: 'Alice Chen',
      departmentId: generalOffice.id,
      roles: ['admin'],
      status: 'active',
      locale: 'zh-TW',
      timezone: 'Asia/Taipei',
    });
    expect(await personBySlackId('U01IVY000')).toMatchObject({ status: 'suspended', roles: ['user'] });
    expect(await personBySlackId('U01HENRY0')).toMatchObject({ roles: ['guest'], locale: 'en' });
    expect(await personBySlackId('U01FIONA0')).toMatchObject({
      timezone: 'Europe/London',
      departmentId: it.id,
    });

    const rows = await AuditEntry.findAll({ order: [['id', 'ASC']] });
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map((row) => row.actor))).toEqual(new Set([SYSTEM_ACTORS.import]));
    expect(rows.filter((row) => row.action === 'person.created')).toHaveLength(10);
    expect(rows.filter((row) => row.action === 'department.created')).toHaveLength(4);
    const created = rows.find(
      (row) => row.subjectType === 'department' && row.subjectId === String(generalOffice.id),
    );
    expect(created).toMatchObject({ action: 'department.created', before: null });
    expect(created?.after).toEqual({
      key: 'general-office',
      name: 'General Office',
      nameZh: '綜合辦公室',
      parentId: null,
      headPersonId: alice.id,
    });
    const aliceCreated = rows.find(
      (row) => row.subjectType === 'person' && row.subjectId === String(alice.id),
    );
    expect(aliceCreated?.after).toMatchObject({
      slackUserId: 'U01ALICE0',
      roles: ['admin'],
      departmentId: generalOffice.id,
    });
  });

  it('changes nothing and writes no audit row when the same file is imported again', async () => {
    const file = await example();
    reportOf(await importOrgFile(file, { lookupSlackIdByEmail: noLookup }));
    const before = await counts();
    const updatedAt = (await personBySlackId('U01ALICE0')).updatedAt;

    const again = reportOf(await importOrgFile(await example(), { lookupSlackIdByEmail: noLookup }));

    expect(again).toEqual({
      departments: { added: [], changed: [], unchanged: 4 },
      people: { added: [], changed: [], unchanged: 10 },
    });
    expect(await counts()).toEqual(before);
    expect((await personBySlackId('U01ALICE0')).updatedAt).toEqual(updatedAt);
  });

  it('reports a change with its fields and audits it with only the changed fields before and after', async () => {
    reportOf(await importOrgFile(await example(), { lookupSlackIdByEmail: noLookup }));
    const auditBefore = await AuditEntry.count();
    const bob = await personBySlackId('U01BOB000');
    const evan = await personBySlackId('U01EVAN00');
    const generalOffice = await departmentByKey('general-office');

    const file = await example();
    person(find(file.people, 'U01BOB000'), { roles: ['user', 'leader'], position: 'Chief Accountant' });
    find(file.departments, 'finance').head = 'evan.lee@example.org';
    find(file.departments, 'hr').name = 'Personnel Department';
    find(file.departments, 'it').parent = null;
    const report = reportOf(
      await importOrgFile(file, { lookupSlackIdByEmail: noLookup, actor: 'U01ALICE0' }),
    );

    expect(report).toEqual({
      departments: {
        added: [],
        changed: [
          { key: 'finance', fields: ['head'] },
          { key: 'hr', fields: ['name'] },
          { key: 'it', fields: ['parent'] },
        ],
        unchanged: 1,
      },
      people: {
        added: [],
        changed: [{ slackId: 'U01BOB000', name: 'Bob Wang', fields: ['position', 'roles'] }],
        unchanged: 9,
      },
    });
    expect(await personBySlackId('U01BOB000')).toMatchObject({
      roles: ['leader', 'user'],
      position: 'Chief Accountant',
    });
    expect((await departmentByKey('finance')).headPersonId).toBe(evan.id);
    expect((await departmentByKey('it')).parentId).toBeNull();

    const rows = await AuditEntry.findAll({
      where: { actor: 'U01ALICE0' },
      order: [['id', 'ASC']],
      raw: true,
    });
    expect(await AuditEntry.count()).toBe(auditBefore + 4);
    const bySubject = (type: string, id: number) =>
      rows.find((row) => row.subjectType === type && row.subjectId === String(id));
    expect(bySubject('person', bob.id)).toMatchObject({
      action: 'person.updated',
      before: { position: 'Director, Finance (處長)', roles: ['user'] },
      after: { position: 'Chief Accountant', roles: ['leader', 'user'] },
    });
    expect(bySubject('department', (await departmentByKey('finance')).id)).toMatchObject({
      action: 'department.updated',
      before: { headPersonId: bob.id },
      after: { headPersonId: evan.id },
    });
    expect(bySubject('department', (await departmentByKey('it')).id)).toMatchObject({
      before: { parentId: generalOffice.id },
      after: { parentId: null },
    });
    expect(bySubject('department', (await departmentByKey('hr')).id)).toMatchObject({
      before: { name: 'Human Resources Department' },
      after: { name: 'Personnel Department' },
    });
  });

  it('writes nothing when one entry is bad, and lists every problem', async () => {
    const file = await example();
    find(file.departments, 'hr').head = 'ghost@example.org';
    file.people.push({ email: 'nobody@example.org', name: 'Nobody', department: 'hr' });
    file.people.push({ email: 'broken@example.org', name: 'Broken', department: 'hr' });
    const lookup = async (email: string) => {
      if (email === 'broken@example.org') throw new Error('Slack is unreachable');
      return null;
    };

    const problems = problemsOf(await importOrgFile(file, { lookupSlackIdByEmail: lookup }));

    expect(problems).toEqual([
      {
        path: 'departments[2] (hr).head',
        message: '"ghost@example.org" is neither among the people in the file nor in the database',
      },
      {
        path: 'people[10] (nobody@example.org).email',
        message: expect.stringContaining('no Slack user has the email nobody@example.org'),
      },
      {
        path: 'people[11] (broken@example.org).email',
        message: 'cannot find the Slack user for broken@example.org: Slack is unreachable',
      },
    ]);
    expect(await counts()).toEqual({ departments: 0, people: 0, audit: 0 });
  });

  it('accepts a head who is only in the database, and leaves people missing from the file alone', async () => {
    reportOf(await importOrgFile(await example(), { lookupSlackIdByEmail: noLookup }));
    const alice = await personBySlackId('U01ALICE0');
    const file: OrgFile = {
      departments: [
        { key: 'legal', name: 'Legal Affairs', parent: 'general-office', head: 'alice.chen@example.org' },
      ],
      people: [],
    };
    // `parent` must be in the same file.
    file.departments.unshift({ key: 'general-office', name: 'General Office' });

    const report = reportOf(await importOrgFile(file, { lookupSlackIdByEmail: noLookup }));

    expect(report.departments).toEqual({ added: ['legal'], changed: [], unchanged: 1 });
    expect((await departmentByKey('legal')).headPersonId).toBe(alice.id);
    expect(await Person.count()).toBe(10);
    expect(await Department.count()).toBe(5);
    // general-office kept its head and name_zh: the file left them out.
    expect(await departmentByKey('general-office')).toMatchObject({
      headPersonId: alice.id,
      nameZh: '綜合辦公室',
    });
  });

  it('leaves a field the file leaves out as it is, and clears it when the file says null', async () => {
    reportOf(await importOrgFile(await example(), { lookupSlackIdByEmail: noLookup }));
    const file = await example();
    const alice = find(file.people, 'U01ALICE0');
    delete alice.locale;
    delete alice.roles;
    alice.contact = null;
    const evan = find(file.people, 'U01EVAN00');
    delete evan.status;
    await Person.update({ status: 'suspended', locale: 'en' }, { where: { slackUserId: 'U01EVAN00' } });

    const report = reportOf(await importOrgFile(file, { lookupSlackIdByEmail: noLookup }));

    expect(report.people.changed).toEqual([
      { slackId: 'U01ALICE0', name: 'Alice Chen', fields: ['contact'] },
      { slackId: 'U01EVAN00', name: 'Evan Lee', fields: ['locale'] },
    ]);
    expect(await personBySlackId('U01ALICE0')).toMatchObject({
      contact: null,
      locale: 'zh-TW',
      roles: ['admin'],
    });
    // Evan's status is not the file's business any more; his locale is, and goes back to the file's.
    expect(await personBySlackId('U01EVAN00')).toMatchObject({ status: 'suspended', locale: 'zh-TW' });
  });

  it('finds a person known only by email and gives them their Slack id', async () => {
    await Department.create({ key: 'hr', name: 'HR', nameZh: null, parentId: null, headPersonId: null });
    const existing = await Person.create({
      ...unknownPerson,
      email: 'Grace.Tsai@example.org',
      name: 'Grace',
    });
    const file = await example();

    const report = reportOf(await importOrgFile(file, { lookupSlackIdByEmail: noLookup }));

    expect(report.departments.changed).toEqual([{ key: 'hr', fields: ['name', 'name_zh', 'head'] }]);
    expect(report.people.added).toHaveLength(9);
    expect(report.people.changed).toEqual([
      {
        slackId: 'U01GRACE0',
        name: 'Grace Tsai',
        fields: ['slack_id', 'email', 'name', 'department', 'position', 'locale', 'timezone'],
      },
    ]);
    const grace = await personBySlackId('U01GRACE0');
    expect(grace.id).toBe(existing.id);
    expect(grace.email).toBe('grace.tsai@example.org');
    expect(await Person.count()).toBe(10);
  });

  it('refuses an email that belongs to someone else in the database', async () => {
    await Person.create({
      ...unknownPerson,
      slackUserId: 'U09OTHER1',
      email: 'bob.wang@example.org',
      name: 'Another Bob',
    });

    const problems = problemsOf(await importOrgFile(await example(), { lookupSlackIdByEmail: noLookup }));

    expect(problems).toEqual([
      {
        path: 'people[2] (bob.wang@example.org).slack_id',
        message: 'the database has bob.wang@example.org as Slack user U09OTHER1, not U01BOB000',
      },
    ]);
    expect(await counts()).toEqual({ departments: 0, people: 1, audit: 0 });
  });

  it('refuses a tree that loops through a parent kept from the database', async () => {
    const lookup = noLookup;
    reportOf(
      await importOrgFile(
        {
          departments: [
            { key: 'a', name: 'A' },
            { key: 'b', name: 'B', parent: 'a' },
          ],
          people: [],
        },
        { lookupSlackIdByEmail: lookup },
      ),
    );
    const problems = problemsOf(
      await importOrgFile(
        {
          departments: [
            { key: 'a', name: 'A', parent: 'b' },
            { key: 'b', name: 'B' },
          ],
          people: [],
        },
        { lookupSlackIdByEmail: lookup },
      ),
    );
    expect(problems).toEqual([
      {
        path: 'departments[0] (a).parent',
        message: 'with the parents already in the database this makes a parent cycle a → b → a',
      },
    ]);
    expect((await departmentByKey('a')).parentId).toBeNull();
  });

  describe('people given only by email', () => {
    function emailOnly(file: OrgFile, ...slackIds: string[]) {
      for (const slackId of slackIds) delete find(file.people, slackId).slackId;
      return file;
    }

    it('looks up their Slack ids before the transaction, a few at a time', async () => {
      const file = emailOnly(
        await example(),
        'U01EVAN00',
        'U01GRACE0',
        'U01FIONA0',
        'U01HENRY0',
        'U01IVY000',
      );
      let inFlight = 0;
      let most = 0;
      const openTransactions: number[] = [];
      const { lookup, asked } = lookupFrom({
        'evan.lee@example.org': 'U01EVAN00',
        'grace.tsai@example.org': 'U01GRACE0',
        'fiona.smith@example.org': 'U01FIONA0',
        'henry.ko@example.org': 'U01HENRY0',
        'ivy.liu@example.org': 'U01IVY000',
      });
      const slowLookup = async (email: string) => {
        inFlight++;
        most = Math.max(most, inFlight);
        // Sessions of this database holding a transaction open while they wait for their client.
        const [row] = await db.sequelize.query<{ open: number }>(
          `SELECT count(*)::int AS open FROM pg_stat_activity
            WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
          { type: QueryTypes.SELECT },
        );
        openTransactions.push(row?.open ?? -1);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return lookup(email);
      };

      const report = reportOf(
        await importOrgFile(file, { lookupSlackIdByEmail: slowLookup, lookupConcurrency: 2 }),
      );

      expect(asked.sort()).toEqual([
        'evan.lee@example.org',
        'fiona.smith@example.org',
        'grace.tsai@example.org',
        'henry.ko@example.org',
        'ivy.liu@example.org',
      ]);
      expect(most).toBe(2);
      expect(openTransactions).toEqual([0, 0, 0, 0, 0]);
      expect(report.people.added.map((entry) => entry.slackId)).toContain('U01IVY000');
      expect(await personBySlackId('U01HENRY0')).toMatchObject({
        email: 'henry.ko@example.org',
        roles: ['guest'],
      });
    });

    it('reports those Slack does not know, by entry, and writes nothing', async () => {
      const file = emailOnly(await example(), 'U01EVAN00', 'U01GRACE0');
      const { lookup } = lookupFrom({ 'grace.tsai@example.org': 'U01GRACE0' });

      const problems = problemsOf(await importOrgFile(file, { lookupSlackIdByEmail: lookup }));

      expect(problems).toEqual([
        {
          path: 'people[5] (evan.lee@example.org).email',
          message: 'no Slack user has the email evan.lee@example.org (add slack_id, or invite them first)',
        },
      ]);
      expect(await counts()).toEqual({ departments: 0, people: 0, audit: 0 });
    });

    it('reports an email whose Slack user is already another entry of the file', async () => {
      const file = emailOnly(await example(), 'U01EVAN00');
      const { lookup } = lookupFrom({ 'evan.lee@example.org': 'U01BOB000' });

      const problems = problemsOf(await importOrgFile(file, { lookupSlackIdByEmail: lookup }));

      expect(problems).toEqual([
        {
          path: 'people[5] (evan.lee@example.org).email',
          message: 'evan.lee@example.org is Slack user U01BOB000, who is also people[2]',
        },
      ]);
    });
  });

  it('writes the audit rows in the same transaction: a failure late in the import leaves neither', async () => {
    // Fail when the heads are set, after the people and their audit rows have been written.
    await db.sequelize.query(`
      CREATE FUNCTION fail_on_finance_head() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.key = 'finance' AND NEW.head_person_id IS NOT NULL THEN
          RAISE EXCEPTION 'injected failure after % audit rows', (SELECT count(*) FROM audit_log);
        END IF;
        RETURN NEW;
      END $$`);
    await db.sequelize.query(`CREATE TRIGGER fail_on_finance_head BEFORE UPDATE ON departments
                              FOR EACH ROW EXECUTE FUNCTION fail_on_finance_head()`);

    await expect(importOrgFile(await example(), { lookupSlackIdByEmail: noLookup })).rejects.toThrow(
      'injected failure after 10 audit rows',
    );
    expect(await counts()).toEqual({ departments: 0, people: 0, audit: 0 });
  });
});

describe('the Slack email lookup of the CLI', () => {
  let server: Server;
  let client: WebClient;
  const calls: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const email = new URLSearchParams(body).get('email') ?? '';
        calls.push(`${request.url} ${email} ${request.headers.authorization}`);
        const reply =
          email === 'dan@example.org'
            ? { ok: true, user: { id: 'U0DAN0001' } }
            : email === 'scope@example.org'
              ? { ok: false, error: 'missing_scope' }
              : { ok: false, error: 'users_not_found' };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new WebClient('xoxb-test-token', {
      slackApiUrl: `http://127.0.0.1:${port}/api/`,
      retryConfig: { retries: 0 },
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the id, null for users_not_found, and explains a missing scope', async () => {
    const lookup = slackEmailLookup(client);
    await expect(lookup('dan@example.org')).resolves.toBe('U0DAN0001');
    await expect(lookup('nobody@example.org')).resolves.toBeNull();
    await expect(lookup('scope@example.org')).rejects.toThrow('users:read.email');
    expect(calls[0]).toBe('/api/users.lookupByEmail dan@example.org Bearer xoxb-test-token');
  });
});

describe('npm run org:import', () => {
  function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        [join(ROOT, 'src', 'cli', 'org-import.ts'), ...args],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            NODE_ENV: 'test',
            DATABASE_URL: db.url,
            // Local mode, whatever a developer's .env says: dotenv does not override these.
            SLACK_BOT_TOKEN: '',
            SLACK_APP_TOKEN: '',
            SLACK_SIGNING_SECRET: '',
            LOG_LEVEL: 'warn',
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('imports a file, prints what it did, and then finds nothing to change', async () => {
    const first = await run(EXAMPLE);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Departments: 4 added, 0 changed, 0 unchanged');
    expect(first.stdout).toContain('  + general-office');
    expect(first.stdout).toContain('  + Alice Chen (U01ALICE0)');
    expect(await Person.count()).toBe(10);

    const second = await run('--', EXAMPLE);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to change; 4 departments and 10 people are up to date');
  }, 60_000);

  it('prints every problem on its own line and exits 1, having written nothing', async () => {
    const result = await run(join(FIXTURES, 'bad-entries.yaml'));
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringContaining('bad-entries.yaml: 3 problems; nothing was imported.'),
      '  departments[0] (admin).parent: parent cycle admin → hr → admin',
      '  people[1] (bob@example.org).department: unknown department "finanse"',
      '  people[1] (bob@example.org).roles: guest cannot be combined with other roles (got guest, admin)',
    ]);
    expect(await counts()).toEqual({ departments: 0, people: 0, audit: 0 });
  }, 60_000);

  it('explains that local mode needs a slack_id for people given by email', async () => {
    const result = await run(join(FIXTURES, 'email-only.yaml'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '  people[1] (dan@example.org).email: cannot find the Slack user for dan@example.org: local mode has no Slack workspace',
    );
    expect(result.stderr).toContain('give this person a slack_id');
    expect(await Person.count()).toBe(0);
  }, 60_000);

  it('prints usage without a file, and a clear message for a file that does not exist', async () => {
    const usage = await run();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run org:import -- <file.yaml|file.yml|file.json>');
    const missing = await run('no-such-org.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'no-such-org.yaml: no such file. Give the path of a .yaml, .yml or .json org file.\n',
    );
  }, 60_000);
});
