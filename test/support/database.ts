import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Sequelize } from 'sequelize';
import { migrateUp } from '../../src/db/migrator';
import { createSequelize } from '../../src/db/sequelize';
import { lateBound, useForTestFile } from './per-file';

/**
 * Each test file gets its own PostgreSQL database on the real server (TEST_DATABASE_URL, default
 * the local trust-auth server), migrated up, and dropped afterwards.
 */
export const ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrlFor(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  sequelize: Sequelize;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createEmptyDatabase(
  prefix = 'gongwu_test',
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: databaseUrlFor(name),
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A fresh, migrated database with the models bound to it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  const sequelize = createSequelize(empty.url);
  await migrateUp(sequelize);
  return {
    ...empty,
    sequelize,
    async drop() {
      await sequelize.close();
      await empty.drop();
    },
  };
}

/** A database a test uses but does not drop (its helper does). */
export type OpenDatabase = Omit<TestDatabase, 'drop'>;

/**
 * A test file's database in one line: created in beforeAll, dropped in afterAll after
 * `beforeDrop` (which closes what holds connections to it: queue backends, listeners).
 */
export function useTestDatabase(options: { beforeDrop?: () => Promise<void> | void } = {}): OpenDatabase {
  const current = useForTestFile('the test database', createTestDatabase, async (db) => {
    await options.beforeDrop?.();
    await db.drop();
  });
  return lateBound(current, ['name', 'url', 'sequelize']);
}
