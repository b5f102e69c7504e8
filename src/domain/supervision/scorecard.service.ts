import type { DepartmentRecord, PersonRecord } from '../org/model';
import type { Clock } from '../tx';
import { instantOf } from '../workflows/work-calendar';
import { todayIn } from '../workflows/working-days';
import type { DepartmentFindings } from './finding-types';
import { type Period, parsePeriod } from './period';
import { subtreeOf } from './report.service';
import {
  bestOf,
  rankScorecard,
  ratiosOf,
  type ScorecardConfig,
  type ScorecardConfigResult,
  type ScoreLine,
  weightsFor,
} from './scorecard';
import type { IndicatorScope, IndicatorStore } from './store';

/**
 * The scorecard of a period: every department scored on its own records (not its
 * sub-departments', so nothing counts twice), ranked, with each indicator's contribution. Admins
 * and supervisors see every line; a department head sees the lines of the departments they head
 * and those below them; others are refused. A recognition for the best is a draft submitted to the
 * normal announcement review, never a publication.
 */

export type ScorecardRefusal =
  | { code: 'not_registered' }
  | { code: 'not_allowed' }
  | { code: 'recognise_not_allowed' }
  | { code: 'not_a_period'; input: string }
  | { code: 'bad_config'; problems: string[] }
  | { code: 'nobody_to_recognise'; period: string };

export class ScorecardError extends Error {
  constructor(readonly refusal: ScorecardRefusal) {
    super(`scorecard refused: ${refusal.code}`);
    this.name = 'ScorecardError';
  }
}

export interface Scorecard {
  period: Period;
  config: ScorecardConfig;
  weights: ReturnType<typeof weightsFor>;
  lines: ScoreLine<DepartmentRecord>[];
  /** Whether the reader sees every department (supervisors, admins) or only theirs. */
  whole: boolean;
}

export interface ScorecardDeps {
  indicators: IndicatorStore;
  findings: { findingsByDepartment(from: Date, to: Date): Promise<DepartmentFindings[]> };
  directory: {
    findPersonBySlackId(slackUserId: string): Promise<PersonRecord | null>;
    listDepartments(): Promise<DepartmentRecord[]>;
  };
  /** The admins' file read now (so a change needs no restart), or the defaults when there is none. */
  loadConfig(): Promise<ScorecardConfigResult>;
  clock: Clock;
  calendar: IndicatorScope['calendar'];
}

export function createScorecards(deps: ScorecardDeps) {
  async function reader(slackUserId: string): Promise<PersonRecord> {
    const person = await deps.directory.findPersonBySlackId(slackUserId);
    if (person?.status !== 'active') throw new ScorecardError({ code: 'not_registered' });
    return person;
  }

  const sees = (person: PersonRecord) =>
    person.roles.includes('admin') || person.roles.includes('supervisor');

  async function scorecard(readerSlackId: string, periodText?: string): Promise<Scorecard> {
    const person = await reader(readerSlackId);
    const departments = await deps.directory.listDepartments();
    const whole = sees(person);
    const headed = departments.filter((d) => d.headPersonId === person.id);
    if (!whole && headed.length === 0) throw new ScorecardError({ code: 'not_allowed' });
    const now = deps.clock.now();
    const period = parsePeriod(periodText, todayIn(deps.calendar.timeZone, now));
    if ('code' in period) throw new ScorecardError(period);
    const loaded = await deps.loadConfig();
    if (!loaded.ok) throw new ScorecardError({ code: 'bad_config', problems: loaded.problems });
    const findings = await deps.findings.findingsByDepartment(
      instantOf(period.fromDate, 0, deps.calendar.timeZone),
      instantOf(period.toDate, 0, deps.calendar.timeZone),
    );
    // Every department is scored (a head's rank is among all), but a head reads only their lines.
    const scored = await Promise.all(
      departments.map(async (department) => {
        const figures = await deps.indicators.figures({
          fromDate: period.fromDate,
          toDate: period.toDate,
          departmentIds: [department.id],
          calendar: deps.calendar,
          now,
        });
        const found = findings.find((row) => row.departmentId === department.id) ?? {
          checked: 0,
          problems: 0,
        };
        return { department, name: department.key, ratios: ratiosOf(figures, found) };
      }),
    );
    const ranked = rankScorecard(scored, loaded.config, period.label);
    const mine = new Set(headed.flatMap((d) => subtreeOf(d.id, departments)));
    return {
      period,
      config: loaded.config,
      weights: weightsFor(loaded.config, period.label),
      lines: whole ? ranked : ranked.filter((line) => mine.has(line.department.id)),
      whole,
    };
  }

  /** The best departments of a period, for a recognition (supervisors and admins only). */
  async function best(
    readerSlackId: string,
    periodText?: string,
  ): Promise<{ card: Scorecard; best: ScoreLine<DepartmentRecord>[] }> {
    const card = await scorecard(readerSlackId, periodText);
    if (!card.whole) throw new ScorecardError({ code: 'recognise_not_allowed' });
    const top = bestOf(card.lines, card.config.recognise.top);
    if (top.length === 0)
      throw new ScorecardError({ code: 'nobody_to_recognise', period: card.period.label });
    return { card, best: top };
  }

  return { scorecard, best };
}

export type Scorecards = ReturnType<typeof createScorecards>;
