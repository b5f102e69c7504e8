import type { SqlIndicators } from '../../../src/db/repositories/indicators.repository';
import { ALL_INDICATOR_KEYS, figureOf, SUMMED_KEYS } from '../../../src/domain/supervision/indicator-keys';
import type { IndicatorScope } from '../../../src/domain/supervision/store';

/**
 * For every figure of the report, the records `/oa report … detail <key>` lists make it up: their
 * number (or, for counter rows, the sum of their count) is the figure. Returns the row counts.
 */
export async function expectDetailsMatchFigures(
  indicators: SqlIndicators,
  scope: IndicatorScope,
): Promise<Record<string, number>> {
  const figures = await indicators.figures(scope);
  const found: Record<string, number> = {};
  const expected: Record<string, number> = {};
  for (const key of ALL_INDICATOR_KEYS) {
    const rows = await indicators.rows(key, scope);
    const column = SUMMED_KEYS[key];
    found[key] = column ? rows.reduce((sum, row) => sum + Number(row[column]), 0) : rows.length;
    expected[key] = figureOf(key, figures);
  }
  expect(found).toEqual(expected);
  return found;
}
