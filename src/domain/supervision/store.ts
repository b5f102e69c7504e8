import type { IndicatorKey } from './indicator-keys';
import type { PersonalFigures, SupervisionFigures } from './model';

export type { IndicatorKey } from './indicator-keys';
export type { PersonalFigures } from './model';

/**
 * What the supervision reports read: every indicator of a period for a set of departments
 * (null: the whole organisation), computed from the records (db/repositories/indicators.repository.ts).
 */
export interface IndicatorScope {
  fromDate: string;
  toDate: string;
  /** null: the whole organisation. */
  departmentIds: readonly number[] | null;
  calendar: {
    timeZone: string;
    dayStartMinute: number;
    dayEndMinute: number;
    workingDays: readonly number[];
  };
  now: Date;
  /** A person's own figures: their requests, their tasks, their acknowledgements. */
  personId?: number | null;
}

export interface IndicatorStore {
  figures(scope: IndicatorScope): Promise<SupervisionFigures>;
  personal(scope: IndicatorScope): Promise<PersonalFigures>;
  /** The records behind `key`'s figure (`/oa report … detail`), the first `limit` if given. */
  rows(key: IndicatorKey, scope: IndicatorScope, limit?: number): Promise<Array<Record<string, unknown>>>;
}

/**
 * Where refused interactions are counted (a request Slack did not sign, an action the server
 * refused): `slackUserId` null when the request cannot be trusted to say who sent it.
 */
export interface RefusalRecorder {
  record(reason: string, slackUserId: string | null): Promise<void>;
}

/** The monthly report's recipients and claims (monthly-report.ts; SQL in db/repositories). */
export interface MonthlyRecipient {
  personId: number;
  slackUserId: string;
}

export interface MonthlyReportSends {
  /** Active people who head a department, supervise or administer, with a Slack id. */
  recipients(): Promise<MonthlyRecipient[]>;
  /** Public holidays (YYYY-MM-DD) from `from` to `to`, inclusive. */
  holidays(from: string, to: string): Promise<Set<string>>;
  /** True if `recipient` was not claimed for `month` yet (and now is). */
  claim(month: string, recipient: MonthlyRecipient): Promise<boolean>;
  markSent(month: string, recipient: MonthlyRecipient): Promise<void>;
  /** The send failed: the next check tries again. */
  release(month: string, recipient: MonthlyRecipient): Promise<void>;
}
