import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { findOutboxOfInstance } from '../../src/db/repositories/workflows-outbox.repository';
import { readOrgFile } from '../../src/domain/org/org-file';

import type { HalfDayDate } from '../../src/domain/workflows/model';
import type { OutboxMessage } from '../../src/domain/workflows/outbox-types';
import type { WorkflowSettings } from '../../src/domain/workflows/settings';
import type { TemplateInput } from '../../src/domain/workflows/template-schema';

import { WorkflowError } from '../../src/domain/workflows/workflow-errors';
import { addDays, dayNumber, todayIn } from '../../src/domain/workflows/working-days';
import { type OpenDatabase, useTestDatabase } from '../support/database';
import { configureWorkflows, org, workflowSettings, workflows } from '../support/workflows';

const { syncBuiltinTemplates } = workflows;

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

export interface WorkflowDatabaseOptions {
  /** The file's own templates, stored next to the built-in ones. */
  templates?: readonly TemplateInput[];
  /** Workflow settings for this file; every setting is put back as it was afterwards. */
  settings?: Parameters<typeof configureWorkflows>[0];
  /** Forget every request before each test (templates, holidays and the directory stay). */
  clearRequestsBeforeEach?: boolean;
  /** Closes what holds connections to the database before it is dropped. */
  beforeDrop?: () => Promise<void> | void;
}

/**
 * The workflow tests' set-up in one line: a migrated database with the example organisation
 * (examples/org.yaml) and the built-in templates, and `monday`, a Monday eight weeks ahead whose
 * fortnight has no holidays in it (removed from this database), so leave dates never depend on
 * the calendar of the day.
 */
export function useWorkflowDatabase(options: WorkflowDatabaseOptions = {}): {
  db: OpenDatabase;
  monday: string;
} {
  const monday = mondayWeeksAhead(8);
  let saved: WorkflowSettings | undefined;
  const db = useTestDatabase({
    beforeDrop: async () => {
      if (saved) configureWorkflows(saved);
      await options.beforeDrop?.();
    },
  });
  beforeAll(async () => {
    await importExampleOrg();
    await syncBuiltinTemplates();
    if (options.templates) await syncBuiltinTemplates(options.templates);
    await clearFortnight(db, monday);
    saved = { ...workflowSettings() };
    if (options.settings) configureWorkflows(options.settings);
  }, 60_000);
  if (options.clearRequestsBeforeEach) beforeEach(() => clearRequests(db));
  return { db, monday };
}

async function importExampleOrg(): Promise<void> {
  const file = await readOrgFile(join(__dirname, '..', '..', 'examples', 'org.yaml'));
  if (!file.ok) throw new Error(`examples/org.yaml is invalid: ${JSON.stringify(file.problems)}`);
  const imported = await org.importOrgFile(file.file, { lookupSlackIdByEmail: async () => null });
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.problems)}`);
}

/** Forgets every request (templates, holidays and the directory stay). */
export async function clearRequests(db: OpenDatabase): Promise<void> {
  await db.sequelize.query(
    `TRUNCATE outbox, workflow_events, workflow_tasks, workflow_revisions, workflow_idempotency_keys,
       workflow_instances, reference_counters RESTART IDENTITY CASCADE`,
  );
}

/** Another quiet Monday (as `useWorkflowDatabase`'s), for a test that needs one of its own. */
export async function quietMonday(db: OpenDatabase, weeksAhead: number): Promise<string> {
  const monday = mondayWeeksAhead(weeksAhead);
  await clearFortnight(db, monday);
  return monday;
}

const clearFortnight = (db: OpenDatabase, monday: string) => clearHolidays(db, monday, addDays(monday, 13));

/** A Monday at least `weeksAhead` weeks from today in the example organisation's zone. */
function mondayWeeksAhead(weeksAhead: number): string {
  let date = addDays(todayIn('Asia/Taipei'), weeksAhead * 7);
  // 1970-01-01 was a Thursday: day number + 3 is 0 on Mondays (mod 7).
  while ((dayNumber(date) + 3) % 7 !== 0) date = addDays(date, 1);
  return date;
}

/** Removes this database's public holidays from `from` to `to` (inclusive). */
export async function clearHolidays(db: OpenDatabase, from: string, to: string): Promise<void> {
  await db.sequelize.query('DELETE FROM holidays WHERE date BETWEEN :from AND :to', {
    replacements: { from, to },
  });
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

export async function count(db: OpenDatabase, sql: string, replacements: Record<string, unknown> = {}) {
  const [row] = await db.sequelize.query<{ n: string }>(sql, { replacements, type: QueryTypes.SELECT });
  return Number(row?.n ?? 0);
}

export function submitted<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}
