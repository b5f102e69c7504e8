import { audit } from '../../db/repositories/audit.repository';
import { inTransaction } from '../../db/repositories/transaction';
import {
  deleteHoliday,
  insertHoliday,
  listHolidayRecords,
} from '../../db/repositories/workflows-holidays.repository';
import { requireActive, requireAdmin } from './actors';
import type { Holiday } from './types';
import { WorkflowError } from './workflow-errors';
import { isIsoDate } from './working-days';

/**
 * The organisation's public holidays, which leave does not count. Admins keep the list; a change
 * applies to requests submitted afterwards (a submitted request keeps the days it was counted with).
 */

function checkDate(date: string): void {
  if (!isIsoDate(date))
    throw new WorkflowError('invalid_input', { field: 'date', value: String(date).slice(0, 40) });
}

function checkName(name: string, field: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200)
    throw new WorkflowError('invalid_input', { field, value: trimmed.slice(0, 40) });
  return trimmed;
}

export async function addHoliday(adminSlackId: string, holiday: Holiday): Promise<void> {
  checkDate(holiday.date);
  const name = checkName(holiday.name.en, 'name.en');
  const nameZh = checkName(holiday.name.zh, 'name.zh');
  await inTransaction(async (transaction) => {
    await requireAdmin(adminSlackId, transaction);
    if (!(await insertHoliday({ date: holiday.date, name, nameZh }, transaction)))
      throw new WorkflowError('holiday_exists', { date: holiday.date });
    await audit(transaction, {
      actor: adminSlackId,
      action: 'holiday.added',
      subjectType: 'holiday',
      subjectId: holiday.date,
      after: { name, nameZh },
    });
  });
}

export async function removeHoliday(adminSlackId: string, date: string): Promise<void> {
  checkDate(date);
  await inTransaction(async (transaction) => {
    await requireAdmin(adminSlackId, transaction);
    const removed = await deleteHoliday(date, transaction);
    if (!removed) throw new WorkflowError('not_found', { what: 'holiday', date });
    await audit(transaction, {
      actor: adminSlackId,
      action: 'holiday.removed',
      subjectType: 'holiday',
      subjectId: date,
      before: { name: removed.name, nameZh: removed.nameZh },
    });
  });
}

/** Any registered, active person may read the list (it explains how their leave is counted). */
export async function listHolidays(
  viewerSlackId: string,
  range: { from?: string; to?: string } = {},
): Promise<Holiday[]> {
  await requireActive(viewerSlackId);
  if (range.from !== undefined) checkDate(range.from);
  if (range.to !== undefined) checkDate(range.to);
  return (await listHolidayRecords(range)).map((row) => ({
    date: row.date,
    name: { en: row.name, zh: row.nameZh },
  }));
}
