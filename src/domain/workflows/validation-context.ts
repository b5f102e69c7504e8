import type { Transaction } from 'sequelize';
import { findDepartmentByKey, findPersonBySlackId } from '../../db/repositories/org.repository';
import { holidayDatesBetween } from '../../db/repositories/workflows-holidays.repository';
import { findOwnActiveForms } from '../../db/repositories/workflows-queries.repository';
import type { OwnRange, ValidationContext } from './form-validation';
import type { FormValue, HalfDayDate } from './model';
import { canApprove } from './route';
import { todayIn } from './working-days';

/** The database side of form validation, for one requester and template. */
export function validationContext(options: {
  requesterSlackId: string;
  templateKey: string;
  timeZone: string;
  /** On resubmission the request does not overlap itself. */
  excludeInstanceId?: number;
  transaction?: Transaction;
}): ValidationContext {
  const { transaction } = options;
  const lockable = transaction ? { transaction } : {};
  return {
    requesterSlackId: options.requesterSlackId,
    today: todayIn(options.timeZone),
    holidaysBetween: (from, to) => holidayDatesBetween(from, to, transaction),
    canApprove: async (slackUserId) => {
      const person = await findPersonBySlackId(slackUserId, lockable);
      return person !== null && canApprove(person);
    },
    departmentExists: async (key) => (await findDepartmentByKey(key, lockable)) !== null,
    ownActiveRanges: async (startField, endField) =>
      ownRanges(
        await findOwnActiveForms(
          options.requesterSlackId,
          options.templateKey,
          options.excludeInstanceId ?? null,
          transaction,
        ),
        startField,
        endField,
      ),
  };
}

const asRange = (value: FormValue | undefined): HalfDayDate | null => {
  if (typeof value === 'string') return { date: value, part: 'full' };
  if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  return null;
};

function ownRanges(
  rows: { reference: string; form: Record<string, FormValue> }[],
  startField: string,
  endField: string,
): OwnRange[] {
  return rows.flatMap((row) => {
    const start = asRange(row.form[startField]);
    const end = asRange(row.form[endField]);
    return start && end ? [{ reference: row.reference, start, end }] : [];
  });
}
