import type { SupervisionFigures } from './model';

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
}

export interface IndicatorStore {
  figures(scope: IndicatorScope): Promise<SupervisionFigures>;
}
