import type { PersonRecord } from '../org/model';
import { type Period, parsePeriod } from '../supervision/period';
import type { Clock } from '../tx';
import { toCsv } from '../workflows/csv';
import { categoryOf, type LogEntry, type NewLogEntry } from './model';
import type { MaintenanceLogStore } from './store';

/**
 * The maintenance log (requirements §二.(四).2). `record` never throws: writing the log must not
 * break what it records. An entry the database refused (it is the thing that is down, often) is
 * kept in memory, at most MAX_PENDING of them, and written before the next one; past that the
 * oldest are dropped with a warning. Reading is for admins only, by period as `/oa report` reads
 * them (2026-12, 2026-Q4, last-30-days).
 */

export type MaintenanceLogRefusal =
  | { code: 'not_registered' }
  | { code: 'admin_only' }
  | { code: 'not_a_period'; input: string };

export class MaintenanceLogError extends Error {
  constructor(readonly refusal: MaintenanceLogRefusal) {
    super(`maintenance log refused: ${refusal.code}`);
    this.name = 'MaintenanceLogError';
  }
}

export interface MaintenanceLogDeps {
  store: MaintenanceLogStore;
  directory: { findPersonBySlackId(slackUserId: string): Promise<PersonRecord | null> };
  clock: Clock;
  /** The organisation's time zone: periods are its local dates. */
  timeZone: string;
  /** The request id of the interaction running now, if any (the logger's context). */
  requestId?: () => string | undefined;
  /** Told when an entry could not be written (yet): the app's warning log. */
  onWriteFailed?: (error: unknown, entry: NewLogEntry, dropped: boolean) => void;
}

export interface LogPage {
  period: Period;
  entries: LogEntry[];
  /** Every entry of the period (entries holds the newest of them). */
  total: number;
}

const MAX_PENDING = 200;

const localToday = (now: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );

export function createMaintenanceLog(deps: MaintenanceLogDeps) {
  const pending: Array<Parameters<MaintenanceLogStore['append']>[0] & { source: NewLogEntry }> = [];
  let flushing: Promise<void> = Promise.resolve();

  async function flush(): Promise<void> {
    while (pending.length > 0) {
      const next = pending[0]!;
      const { source: _source, ...row } = next;
      await deps.store.append(row);
      pending.shift();
    }
  }

  /** Writes the entry (and any waiting ones, oldest first); never throws. */
  function record(entry: NewLogEntry): Promise<void> {
    pending.push({
      at: entry.at ?? deps.clock.now(),
      category: categoryOf(entry.kind),
      kind: entry.kind,
      summary: entry.summary.slice(0, 2000),
      details: entry.details ?? {},
      requestId: entry.requestId === undefined ? (deps.requestId?.() ?? null) : entry.requestId,
      source: entry,
    });
    let dropped = false;
    if (pending.length > MAX_PENDING) {
      pending.shift();
      dropped = true;
    }
    // One writer at a time keeps the entries in order.
    flushing = flushing.then(() =>
      flush().catch((error: unknown) => deps.onWriteFailed?.(error, entry, dropped)),
    );
    return flushing;
  }

  async function requireAdmin(actorSlackId: string): Promise<void> {
    const actor = await deps.directory.findPersonBySlackId(actorSlackId);
    if (actor?.status !== 'active') throw new MaintenanceLogError({ code: 'not_registered' });
    if (!actor.roles.includes('admin')) throw new MaintenanceLogError({ code: 'admin_only' });
  }

  function periodOf(input: string | undefined): Period {
    const period = parsePeriod(input, localToday(deps.clock.now(), deps.timeZone));
    if ('code' in period) throw new MaintenanceLogError(period);
    return period;
  }

  const range = (period: Period) => ({
    fromDate: period.fromDate,
    toDate: period.toDate,
    timeZone: deps.timeZone,
  });

  return {
    record,
    /** Entries not written yet (the database was away); for tests and the shutdown log. */
    pendingCount: () => pending.length,

    /** The newest `limit` entries of a period and how many it has in all (admins only). */
    async page(actorSlackId: string, input: string | undefined, limit: number): Promise<LogPage> {
      await requireAdmin(actorSlackId);
      const period = periodOf(input);
      const [entries, total] = await Promise.all([
        deps.store.list(range(period), limit),
        deps.store.count(range(period)),
      ]);
      return { period, entries, total };
    },

    /** The whole period as CSV (admins only), oldest first as a log is read. */
    async csv(
      actorSlackId: string,
      input: string | undefined,
    ): Promise<{ period: Period; csv: string; rows: number }> {
      await requireAdmin(actorSlackId);
      const period = periodOf(input);
      const entries = (await deps.store.list(range(period), null)).reverse();
      return { period, csv: maintenanceCsv(entries), rows: entries.length };
    },

    /** The newest entries whatever their date: the admins' Home section (the caller shows it to admins only). */
    async latest(limit: number): Promise<LogEntry[]> {
      const today = localToday(deps.clock.now(), deps.timeZone);
      return deps.store.list(
        { fromDate: '2000-01-01', toDate: nextDay(today), timeZone: deps.timeZone },
        limit,
      );
    },
  };
}

export type MaintenanceLog = ReturnType<typeof createMaintenanceLog>;

const nextDay = (date: string) => {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 2);
  return at.toISOString().slice(0, 10);
};

export function maintenanceCsv(entries: readonly LogEntry[]): string {
  return toCsv(
    ['time (UTC)', 'category', 'kind', 'summary', 'details', 'request id'],
    entries.map((entry) => [
      entry.at.toISOString(),
      entry.category,
      entry.kind,
      entry.summary,
      JSON.stringify(entry.details),
      entry.requestId,
    ]),
  );
}
