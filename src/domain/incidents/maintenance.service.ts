import type { AuditLog } from '../audit/audit.service';
import { OrgError } from '../org/org-errors';
import type { Clock } from '../tx';
import { instantOf, localParts } from '../workflows/work-calendar';
import { IncidentError, MaintenanceRefusal } from './incident-errors';
import type { MaintenanceState, UntilText } from './model';
import type { IncidentStore } from './store';

/** A window longer than this is almost certainly a typo (2027 for 2026): refused. */
export const MAX_MAINTENANCE_DAYS = 14;
/** Every replica reads the state from PostgreSQL; this process keeps it this long at most. */
export const MAINTENANCE_CACHE_MS = 3000;

export interface Maintenance {
  /** The organisation's time zone, in which `until` is read (and best shown back). */
  readonly timeZone: string;
  /** The state now: null when off or when its `until` has passed (it ends by itself). */
  current(): Promise<MaintenanceState | null>;
  /** Throws MaintenanceRefusal while on: what every new submission calls first. */
  refuseIfOn(): Promise<void>;
  turnOn(actor: string, input: { until: UntilText; reason: string }): Promise<MaintenanceState>;
  /** Returns the state it ended, or null when it was not on. */
  turnOff(actor: string): Promise<MaintenanceState | null>;
}

/** The instant of `until` as typed, in the organisation's time zone. */
export function untilInstant(until: UntilText, now: Date, timeZone: string): Date {
  switch (until.kind) {
    case 'duration':
      return new Date(now.getTime() + until.seconds * 1000);
    case 'datetime':
      return instantOf(until.date, until.minute, timeZone);
    case 'clock': {
      // The next time the clock shows it: today, or tomorrow when it has passed today.
      const today = localParts(now, timeZone).date;
      const at = instantOf(today, until.minute, timeZone);
      if (at.getTime() > now.getTime()) return at;
      const tomorrow = new Date(`${today}T12:00:00Z`);
      tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
      return instantOf(tomorrow.toISOString().slice(0, 10), until.minute, timeZone);
    }
  }
}

/**
 * Maintenance mode (requirements §七.(四)): while on, new submissions are refused with the reason
 * and the expected end; decisions, acknowledgements and jobs go on. Stored in PostgreSQL (one row)
 * so that every replica sees it within MAINTENANCE_CACHE_MS; it ends by itself at `until`.
 */
export function createMaintenance(deps: {
  store: IncidentStore;
  audit: AuditLog;
  clock: Clock;
  timeZone: string;
  cacheMs?: number;
}): Maintenance {
  const { store, audit, clock } = deps;
  const cacheMs = deps.cacheMs ?? MAINTENANCE_CACHE_MS;
  let cached: { state: MaintenanceState | null; readAt: number } | undefined;

  const live = (state: MaintenanceState | null) =>
    state && state.until.getTime() > clock.now().getTime() ? state : null;

  async function current(): Promise<MaintenanceState | null> {
    const now = Date.now();
    if (!cached || now - cached.readAt > cacheMs)
      cached = { state: await store.readMaintenance(), readAt: now };
    return live(cached.state);
  }

  async function requireAdmin(actor: string, tx: Parameters<IncidentStore['findPerson']>[1]) {
    const person = await store.findPerson(actor, tx);
    if (!person) throw new OrgError('not_registered');
    if (person.status !== 'active') throw new OrgError('suspended');
    if (!person.roles.includes('admin')) throw new OrgError('admin_only', { subcommand: 'maintenance' });
  }

  return {
    timeZone: deps.timeZone,
    current,
    async refuseIfOn() {
      const state = await current();
      if (state) throw new MaintenanceRefusal(state.reason, state.until);
    },
    async turnOn(actor, input) {
      const now = clock.now();
      const until = untilInstant(input.until, now, deps.timeZone);
      if (until.getTime() <= now.getTime()) throw new IncidentError('until_past');
      if (until.getTime() - now.getTime() > MAX_MAINTENANCE_DAYS * 86_400_000)
        throw new IncidentError('until_too_far', { days: String(MAX_MAINTENANCE_DAYS) });
      const state: MaintenanceState = { until, reason: input.reason, setBy: actor, setAt: now };
      await store.inTransaction(async (tx) => {
        await requireAdmin(actor, tx);
        const before = await store.writeMaintenance(state, actor, tx);
        await audit(tx, {
          actor,
          action: 'maintenance.on',
          subjectType: 'maintenance',
          subjectId: 'platform',
          before: live(before),
          after: { until: until.toISOString(), reason: input.reason },
        });
      });
      cached = undefined;
      return state;
    },
    async turnOff(actor) {
      const ended = await store.inTransaction(async (tx) => {
        await requireAdmin(actor, tx);
        const before = live(await store.writeMaintenance(null, actor, tx));
        await audit(tx, {
          actor,
          action: 'maintenance.off',
          subjectType: 'maintenance',
          subjectId: 'platform',
          before,
          after: null,
        });
        return before;
      });
      cached = undefined;
      return ended;
    },
  };
}
