import { Client } from 'pg';
import { Person } from '../../src/db/models';
import { peopleCache } from '../../src/db/people-cache';
import { listenForPeopleChanges, type PeopleChangeListener } from '../../src/db/people-change-listener';
import { findPersonBySlackId, updatePerson } from '../../src/db/repositories/org.repository';
import { createLogger } from '../../src/logger';
import { useTestDatabase } from '../support/database';
import { waitFor } from '../support/wait';

/**
 * Directory reads served from memory on the real server: whoever changes `people` (another
 * connection, another process, the model in this one), the next reads see it; without the
 * notices the reads go to the database.
 */
let listener: PeopleChangeListener;
/** Someone else: a connection of its own, as another replica or `org:import` would be. */
let other: Client;
const db = useTestDatabase({
  beforeDrop: async () => {
    await listener?.stop();
    await other?.end();
  },
});

beforeAll(async () => {
  await Person.bulkCreate(
    ['U0CACHE01', 'U0CACHE02'].map((slackUserId, i) => ({
      slackUserId,
      name: `Cached ${i}`,
      email: null,
      departmentId: null,
      position: null,
      contact: null,
      locale: 'en',
      timezone: null,
      roles: ['user'],
    })),
  );
  other = new Client({ connectionString: db.url });
  await other.connect();
  listener = listenForPeopleChanges(db.url, createLogger('silent'));
  await listener.ready;
});

/** Whether the next read of `slackUserId` is answered from memory: it would not see a row gone. */
const rolesOf = async (slackUserId: string) => (await findPersonBySlackId(slackUserId))?.roles;

it('answers repeated reads from memory while listening', async () => {
  expect(peopleCache.active).toBe(true);
  expect(await rolesOf('U0CACHE01')).toEqual(['user']);
  // Changed behind the notices' back (the trigger is off for this statement): memory still answers.
  await other.query('ALTER TABLE people DISABLE TRIGGER people_changed_rows');
  await other.query(`UPDATE people SET roles = '{guest}' WHERE slack_user_id = 'U0CACHE01'`);
  await other.query('ALTER TABLE people ENABLE TRIGGER people_changed_rows');
  expect(await rolesOf('U0CACHE01')).toEqual(['user']);
  peopleCache.forgetAll();
  expect(await rolesOf('U0CACHE01')).toEqual(['guest']);
});

it('sees a change another connection commits, once its notice arrives', async () => {
  expect(await rolesOf('U0CACHE02')).toEqual(['user']);
  await other.query(`UPDATE people SET roles = '{admin}' WHERE slack_user_id = 'U0CACHE02'`);
  await waitFor('the notice', async () => (await rolesOf('U0CACHE02'))?.includes('admin'), 5_000);
});

it('sees a person added after an earlier read found nobody', async () => {
  expect(await findPersonBySlackId('U0CACHE03')).toBeNull();
  await other.query(`INSERT INTO people (slack_user_id, name, roles, status, created_at, updated_at)
                     VALUES ('U0CACHE03', 'New', '{user}', 'active', now(), now())`);
  await waitFor('the notice', async () => (await findPersonBySlackId('U0CACHE03')) !== null, 5_000);
});

it('sees its own change through the model the moment it commits, without waiting for the notice', async () => {
  const before = await findPersonBySlackId('U0CACHE01');
  await db.sequelize.transaction((transaction) =>
    updatePerson(before!.id, { roles: ['leader'] }, transaction),
  );
  expect(await rolesOf('U0CACHE01')).toEqual(['leader']);
});

it('keeps nothing a rolled-back change would have shown', async () => {
  await rolesOf('U0CACHE02');
  await other.query('BEGIN');
  await other.query(`UPDATE people SET roles = '{guest}' WHERE slack_user_id = 'U0CACHE02'`);
  await other.query('ROLLBACK');
  expect(await rolesOf('U0CACHE02')).toEqual(['admin']);
});

it('hands out frozen entries, so one caller cannot change what another reads', async () => {
  const person = await findPersonBySlackId('U0CACHE02');
  expect(Object.isFrozen(person)).toBe(true);
  expect(() => (person!.roles as string[]).push('admin')).toThrow(TypeError);
});

it('reads the database while its connection is lost, and from memory again once it is back', async () => {
  await rolesOf('U0CACHE02');
  await other.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
  );
  await waitFor('the listener to notice', async () => !peopleCache.active, 5_000);
  // Off: a change made while nobody listens is seen at once.
  await other.query(`UPDATE people SET roles = '{user}' WHERE slack_user_id = 'U0CACHE02'`);
  expect(await rolesOf('U0CACHE02')).toEqual(['user']);
  await waitFor('the listener to reconnect', async () => peopleCache.active, 10_000);
  await other.query(`UPDATE people SET roles = '{leader}' WHERE slack_user_id = 'U0CACHE02'`);
  await waitFor('the notice', async () => (await rolesOf('U0CACHE02'))?.includes('leader'), 5_000);
});

it('forgets everyone when the table is truncated', async () => {
  expect(await findPersonBySlackId('U0CACHE01')).not.toBeNull();
  await other.query('TRUNCATE people CASCADE');
  await waitFor('the notice', async () => (await findPersonBySlackId('U0CACHE01')) === null, 5_000);
});
