import type { AuditLog } from '../audit/audit.service';
import type { DepartmentRecord, PersonRecord } from '../org/model';
import type { Clock } from '../tx';
import { instantOf } from '../workflows/work-calendar';
import { todayIn } from '../workflows/working-days';
import type { FindingRow, SpotCheckType, SpotItem } from './finding-types';
import { subtreeOf } from './report.service';
import { MAX_SEED, newSeed, sampleIds } from './sampling';
import type { FindingStore } from './store';

/**
 * Spot checks (requirements §八): a supervisor (or an admin) draws a seeded sample of finished
 * requests, announcements or files and records, for each, that it conforms or that there is a
 * problem (with a note, the responsible department and a follow-up owner). Problems stay open
 * until the supervisor or the follow-up owner closes them; both are audited
 * (finding.recorded, finding.closed). Reading is all a supervisor does: nothing here decides a
 * request or changes an item.
 */

export const DEFAULT_SAMPLE = 5;
export const MAX_SAMPLE = 20;
export const MAX_NOTE = 2000;

export interface SpotCheckDirectory {
  findPersonBySlackId(slackUserId: string): Promise<PersonRecord | null>;
  findPersonById(id: number): Promise<PersonRecord | null>;
  listDepartments(): Promise<DepartmentRecord[]>;
}

export type SpotCheckRefusal =
  | { code: 'not_registered' }
  | { code: 'not_allowed' }
  | { code: 'too_many'; max: number }
  | { code: 'unknown_department'; key: string }
  | { code: 'bad_seed' }
  | { code: 'not_found' }
  | { code: 'already_closed' }
  | { code: 'note_required' }
  | { code: 'follow_up_unknown' };

export class SpotCheckError extends Error {
  constructor(readonly refusal: SpotCheckRefusal) {
    super(`spot check refused: ${refusal.code}`);
    this.name = 'SpotCheckError';
  }
}

export interface Sample {
  seed: number;
  type: SpotCheckType;
  department: DepartmentRecord | null;
  /** How many finished items the sample was drawn from. */
  population: number;
  items: SpotItem[];
}

export interface VerdictInput {
  type: SpotCheckType;
  itemId: number;
  seed: number;
  outcome: 'conforms' | 'problem';
  note?: string;
  /** Default: the item's own department. */
  departmentId?: number | null;
  followUpSlackId?: string | null;
}

export interface SpotCheckSettings {
  /** A problem open longer than this many working days is chased daily. */
  remindAfterWorkingDays: number;
  timeZone: string;
  workingDays: readonly number[];
}

export const isSupervising = (person: PersonRecord) =>
  person.status === 'active' && (person.roles.includes('supervisor') || person.roles.includes('admin'));

/** The local date `n` working days (by weekday) before `today`. */
export function workingDaysBefore(today: string, n: number, workingDays: readonly number[]): string {
  const at = new Date(`${today}T00:00:00Z`);
  let left = Math.max(0, n);
  // A calendar without working days would loop for ever: count every day then.
  const days = workingDays.length ? workingDays : [0, 1, 2, 3, 4, 5, 6];
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() - 1);
    if (days.includes(at.getUTCDay())) left -= 1;
  }
  return at.toISOString().slice(0, 10);
}

export function createSpotChecks(deps: {
  store: FindingStore;
  directory: SpotCheckDirectory;
  audit: AuditLog;
  clock: Clock;
  settings: SpotCheckSettings;
  random?: () => number;
}) {
  const { store, directory, audit, clock } = deps;

  async function supervisor(slackUserId: string): Promise<PersonRecord> {
    const person = await directory.findPersonBySlackId(slackUserId);
    if (person?.status !== 'active') throw new SpotCheckError({ code: 'not_registered' });
    if (!isSupervising(person)) throw new SpotCheckError({ code: 'not_allowed' });
    return person;
  }

  async function draw(
    actorSlackId: string,
    request: { n?: number; type: SpotCheckType; departmentKey?: string; seed?: number },
  ): Promise<Sample> {
    await supervisor(actorSlackId);
    const n = request.n ?? DEFAULT_SAMPLE;
    if (!Number.isInteger(n) || n < 1 || n > MAX_SAMPLE)
      throw new SpotCheckError({ code: 'too_many', max: MAX_SAMPLE });
    if (
      request.seed !== undefined &&
      (!Number.isInteger(request.seed) || request.seed < 1 || request.seed > MAX_SEED)
    )
      throw new SpotCheckError({ code: 'bad_seed' });
    const departments = await directory.listDepartments();
    const department = request.departmentKey
      ? (departments.find((d) => d.key === request.departmentKey?.toLowerCase()) ?? null)
      : null;
    if (request.departmentKey && !department)
      throw new SpotCheckError({ code: 'unknown_department', key: request.departmentKey });
    const scope = department ? subtreeOf(department.id, departments) : null;
    const seed = request.seed ?? newSeed(deps.random);
    const ids = await store.finishedItemIds(request.type, scope);
    const chosen = sampleIds(ids, n, seed);
    const summaries = new Map(
      (await store.itemSummaries(request.type, chosen)).map((item) => [item.id, item]),
    );
    const items = chosen.map((id) => summaries.get(id)).filter((item): item is SpotItem => !!item);
    return { seed, type: request.type, department, population: ids.length, items };
  }

  /** Records a verdict once per item and check; a second click returns the first verdict. */
  async function recordVerdict(
    actorSlackId: string,
    input: VerdictInput,
  ): Promise<{ finding: FindingRow; created: boolean }> {
    const actor = await supervisor(actorSlackId);
    const note = (input.note ?? '').trim().slice(0, MAX_NOTE);
    if (input.outcome === 'problem' && !note) throw new SpotCheckError({ code: 'note_required' });
    const [item] = await store.itemSummaries(input.type, [input.itemId]);
    if (!item) throw new SpotCheckError({ code: 'not_found' });
    let followUp: PersonRecord | null = null;
    if (input.followUpSlackId) {
      followUp = await directory.findPersonBySlackId(input.followUpSlackId);
      if (followUp?.status !== 'active') throw new SpotCheckError({ code: 'follow_up_unknown' });
    }
    const departmentId = input.departmentId === undefined ? item.departmentId : input.departmentId;
    const now = clock.now();
    return store.inTransaction(async (tx) => {
      // Two clicks at once: the second waits here and finds the first verdict.
      await store.lockNamed(`finding-${input.type}-${input.itemId}-${input.seed}-${actor.id}`, tx);
      const earlier = await store.findVerdict(
        { itemType: input.type, itemId: input.itemId, seed: input.seed, recordedByPersonId: actor.id },
        tx,
      );
      if (earlier) return { finding: earlier, created: false };
      const conforms = input.outcome === 'conforms';
      const finding = await store.insertFinding(
        {
          itemType: input.type,
          itemId: item.id,
          itemReference: item.reference,
          seed: input.seed,
          outcome: input.outcome,
          status: conforms ? 'closed' : 'open',
          note,
          departmentId,
          followUpPersonId: conforms ? null : (followUp?.id ?? null),
          recordedByPersonId: actor.id,
          closedAt: conforms ? now : null,
          closedByPersonId: conforms ? actor.id : null,
        },
        tx,
      );
      await audit(tx, {
        actor: actorSlackId,
        action: 'finding.recorded',
        subjectType: 'finding',
        subjectId: String(finding.id),
        before: null,
        after: {
          item: item.reference,
          outcome: finding.outcome,
          seed: finding.seed,
          departmentId: finding.departmentId,
          followUpPersonId: finding.followUpPersonId,
          note: finding.note,
        },
      });
      return { finding, created: true };
    });
  }

  /** The supervisors (and admins) or the follow-up owner close an open finding, with a note. */
  async function closeFinding(
    actorSlackId: string,
    findingId: number,
    closingNote: string,
  ): Promise<FindingRow> {
    const actor = await directory.findPersonBySlackId(actorSlackId);
    if (actor?.status !== 'active') throw new SpotCheckError({ code: 'not_registered' });
    const note = closingNote.trim().slice(0, MAX_NOTE);
    if (!note) throw new SpotCheckError({ code: 'note_required' });
    return store.inTransaction(async (tx) => {
      const finding = await store.lockFinding(findingId, tx);
      if (!finding) throw new SpotCheckError({ code: 'not_found' });
      if (!isSupervising(actor) && finding.followUpPersonId !== actor.id)
        throw new SpotCheckError({ code: 'not_allowed' });
      if (finding.status === 'closed') throw new SpotCheckError({ code: 'already_closed' });
      const closed = await store.closeFinding(findingId, { personId: actor.id, note, at: clock.now() }, tx);
      await audit(tx, {
        actor: actorSlackId,
        action: 'finding.closed',
        subjectType: 'finding',
        subjectId: String(findingId),
        before: { status: 'open' },
        after: { status: 'closed', note },
      });
      return closed;
    });
  }

  /**
   * The open findings a person's Home lists: all of them for supervisors and admins, the ones
   * they follow up for anyone else (none for most people).
   */
  async function openFindingsFor(slackUserId: string, limit = 10): Promise<FindingRow[]> {
    const person = await directory.findPersonBySlackId(slackUserId);
    if (person?.status !== 'active') return [];
    return isSupervising(person)
      ? store.openFindings({ limit })
      : store.openFindings({ followUpPersonId: person.id, limit });
  }

  /** The findings to chase now (each at most once a day), claimed for this run. */
  async function claimReminders(): Promise<FindingRow[]> {
    const now = clock.now();
    const { timeZone, remindAfterWorkingDays, workingDays } = deps.settings;
    const cutoff = workingDaysBefore(todayIn(timeZone, now), remindAfterWorkingDays, workingDays);
    return store.claimReminders({
      recordedBefore: instantOf(cutoff, 0, timeZone),
      remindedBefore: new Date(now.getTime() - 20 * 3600_000),
      now,
    });
  }

  return {
    draw,
    recordVerdict,
    closeFinding,
    openFindingsFor,
    claimReminders,
    itemOf: async (type: SpotCheckType, id: number) => (await store.itemSummaries(type, [id]))[0] ?? null,
    findingsByDepartment: (from: Date, to: Date) => store.findingsByDepartment(from, to),
    personById: (id: number) => directory.findPersonById(id),
    /** Every department, for names and the Problem modal's picker. */
    departments: () => directory.listDepartments(),
  };
}

export type SpotChecks = ReturnType<typeof createSpotChecks>;
