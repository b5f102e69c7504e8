import type { WorkflowDeps } from './deps';
import type { OwnRange, ValidationContext } from './form-validation';
import type { FormValue, HalfDayDate } from './model';
import { canApprove } from './route';
import type { Tx } from './store';
import { todayIn } from './working-days';

/** The database side of form validation, for one requester and template. */
export function validationContext(
  deps: Pick<WorkflowDeps, 'store' | 'clock'>,
  options: {
    requesterSlackId: string;
    templateKey: string;
    timeZone: string;
    /** On resubmission the request does not overlap itself. */
    excludeInstanceId?: number;
    transaction?: Tx;
  },
): ValidationContext {
  const { transaction } = options;
  const { store } = deps;
  return {
    requesterSlackId: options.requesterSlackId,
    today: todayIn(options.timeZone, deps.clock.now()),
    holidaysBetween: (from, to) => store.holidayDatesBetween(from, to, transaction),
    canApprove: async (slackUserId) => {
      const person = await store.findPersonBySlackId(slackUserId, transaction);
      return person !== null && canApprove(person);
    },
    departmentExists: async (key) => (await store.findDepartmentByKey(key, transaction)) !== null,
    ownActiveRanges: async (startField, endField) =>
      ownRanges(
        await store.findOwnActiveForms(
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
