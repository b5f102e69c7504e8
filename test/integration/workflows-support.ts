import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { findOutboxOfInstance } from '../../src/db/repositories/workflows-outbox.repository';
import { readOrgFile } from '../../src/domain/org/org-file';
import { importOrgFile } from '../../src/domain/org/org-import.service';
import { syncBuiltinTemplates } from '../../src/domain/workflows/engine.service';
import type { HalfDayDate } from '../../src/domain/workflows/model';
import type { OutboxMessage } from '../../src/domain/workflows/types';
import { WorkflowError } from '../../src/domain/workflows/workflow-errors';
import { addDays, dayNumber, todayIn } from '../../src/domain/workflows/working-days';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Shared set-up of the workflow integration tests: a migrated database with the example
 * organisation (examples/org.yaml) and the built-in templates.
 */

/** The example organisation's people by role in the tests. */
export const PEOPLE = {
  leader: 'U01LEADER', // Lin Chih-ming, leader, general-office
  alice: 'U01ALICE0', // admin, head of general-office (top level)
  bob: 'U01BOB000', // head of finance
  carol: 'U01CAROL0', // head of hr
  daniel: 'U01DANIEL', // head of it (under general-office)
  evan: 'U01EVAN00', // finance employee
  grace: 'U01GRACE0', // hr employee
  fiona: 'U01FIONA0', // it employee
  henry: 'U01HENRY0', // guest
  ivy: 'U01IVY000', // suspended
} as const;

export async function setUpWorkflowDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  const file = await readOrgFile(join(__dirname, '..', '..', 'examples', 'org.yaml'));
  if (!file.ok) throw new Error(`examples/org.yaml is invalid: ${JSON.stringify(file.problems)}`);
  const imported = await importOrgFile(file.file, { lookupSlackIdByEmail: async () => null });
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.problems)}`);
  await syncBuiltinTemplates();
  return db;
}

/** Forgets every request (templates, holidays and the directory stay). */
export async function clearRequests(db: TestDatabase): Promise<void> {
  await db.sequelize.query(
    `TRUNCATE outbox, workflow_events, workflow_tasks, workflow_revisions, workflow_idempotency_keys,
       workflow_instances, reference_counters RESTART IDENTITY CASCADE`,
  );
}

/**
 * A Monday at least `weeksAhead` weeks from today with no holidays in its fortnight (they are
 * removed from this test database), so leave dates never depend on the calendar of the day.
 */
export async function quietMonday(db: TestDatabase, weeksAhead = 8): Promise<string> {
  let date = addDays(todayIn('Asia/Taipei'), weeksAhead * 7);
  // 1970-01-01 was a Thursday: day number + 3 is 0 on Mondays (mod 7).
  while ((dayNumber(date) + 3) % 7 !== 0) date = addDays(date, 1);
  await db.sequelize.query('DELETE FROM holidays WHERE date BETWEEN :from AND :to', {
    replacements: { from: date, to: addDays(date, 13) },
  });
  return date;
}

export const full = (date: string): HalfDayDate => ({ date, part: 'full' });

export function leaveForm(start: string, end: string, overrides: Record<string, unknown> = {}) {
  return { leave_type: 'annual', start: full(start), end: full(end), reason: 'Family trip', ...overrides };
}

/** The code of the WorkflowError a call is refused with. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkflowError) return error.code;
    throw error;
  }
  throw new Error('expected a WorkflowError');
}

export async function refusalError(promise: Promise<unknown>): Promise<WorkflowError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkflowError) return error;
    throw error;
  }
  throw new Error('expected a WorkflowError');
}

/** kind → recipient, in order: what the courier would send for a request. */
export async function outboxSummary(instanceId: number): Promise<string[]> {
  return (await findOutboxOfInstance(instanceId)).map(
    (m: OutboxMessage) => `${m.kind}→${m.recipientSlackId}`,
  );
}

export async function count(db: TestDatabase, sql: string, replacements: Record<string, unknown> = {}) {
  const [row] = await db.sequelize.query<{ n: string }>(sql, { replacements, type: QueryTypes.SELECT });
  return Number(row?.n ?? 0);
}

export function submitted<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}
