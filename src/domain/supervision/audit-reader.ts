import type { PersonRecord } from '../org/model';
import type { Clock } from '../tx';
import { todayIn } from '../workflows/working-days';
import { type Period, parsePeriod } from './period';
import type { AuditListRow, AuditQueryStore, AuditQuerySubject } from './store';

export type { AuditListRow } from './store';

/**
 * The audit log as the supervision group reads it (requirements §八: read-only access to the audit
 * log): the latest rows about a subject (a request, announcement or file by its reference, or a
 * person: what they did and what was done to them), or every row of a period for a CSV. Reading
 * only; the log stays append-only.
 */

export const LATEST_AUDIT_ROWS = 20;
/** A CSV of a period stops here; the reader narrows the period or the subject for more. */
export const MAX_AUDIT_EXPORT = 50_000;

export type AuditReadRefusal =
  | { code: 'not_registered' }
  | { code: 'not_allowed' }
  | { code: 'not_a_period'; input: string };

export class AuditReadError extends Error {
  constructor(readonly refusal: AuditReadRefusal) {
    super(`audit read refused: ${refusal.code}`);
    this.name = 'AuditReadError';
  }
}

export function createAuditReader(deps: {
  store: AuditQueryStore;
  directory: { findPersonBySlackId(slackUserId: string): Promise<PersonRecord | null> };
  clock: Clock;
  timeZone: () => string;
}) {
  async function reader(slackUserId: string): Promise<void> {
    const person = await deps.directory.findPersonBySlackId(slackUserId);
    if (person?.status !== 'active') throw new AuditReadError({ code: 'not_registered' });
    if (!person.roles.includes('supervisor') && !person.roles.includes('admin'))
      throw new AuditReadError({ code: 'not_allowed' });
  }

  async function subjectOf(
    subject: { kind: 'reference'; reference: string } | { kind: 'person'; slackUserId: string } | undefined,
  ): Promise<AuditQuerySubject | null> {
    if (!subject) return null;
    if (subject.kind === 'reference') return subject;
    const person = await deps.directory.findPersonBySlackId(subject.slackUserId);
    return { kind: 'person', slackUserId: subject.slackUserId, personId: person?.id ?? null };
  }

  return {
    /** The latest rows, newest first. */
    async latest(
      readerSlackId: string,
      subject?: { kind: 'reference'; reference: string } | { kind: 'person'; slackUserId: string },
    ): Promise<AuditListRow[]> {
      await reader(readerSlackId);
      return deps.store.auditRows({
        subject: await subjectOf(subject),
        period: null,
        limit: LATEST_AUDIT_ROWS,
      });
    },
    /** Every row of a period (oldest first), for a CSV. */
    async ofPeriod(
      readerSlackId: string,
      periodText: string,
      subject?: { kind: 'reference'; reference: string } | { kind: 'person'; slackUserId: string },
    ): Promise<{ period: Period; rows: AuditListRow[] }> {
      await reader(readerSlackId);
      const timeZone = deps.timeZone();
      const period = parsePeriod(periodText, todayIn(timeZone, deps.clock.now()));
      if ('code' in period) throw new AuditReadError(period);
      const rows = await deps.store.auditRows({
        subject: await subjectOf(subject),
        period: { fromDate: period.fromDate, toDate: period.toDate, timeZone },
        limit: MAX_AUDIT_EXPORT,
      });
      return { period, rows: rows.reverse() };
    },
  };
}

export type AuditReader = ReturnType<typeof createAuditReader>;
