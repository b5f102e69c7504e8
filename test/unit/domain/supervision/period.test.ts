import { parsePeriod } from '../../../../src/domain/supervision/period';

const TODAY = '2026-12-05';

describe('report periods', () => {
  it('reads a month, with the month before it (across a year end)', () => {
    expect(parsePeriod('2026-11', TODAY)).toEqual({
      label: '2026-11',
      fromDate: '2026-11-01',
      toDate: '2026-12-01',
      previous: { label: '2026-10', fromDate: '2026-10-01', toDate: '2026-11-01' },
    });
    expect(parsePeriod('2026-1', TODAY)).toMatchObject({ label: '2026-01', previous: { label: '2025-12' } });
  });

  it('reads a quarter and a year', () => {
    expect(parsePeriod('2026-Q4', TODAY)).toMatchObject({
      fromDate: '2026-10-01',
      toDate: '2027-01-01',
      previous: { label: '2026-Q3', fromDate: '2026-07-01', toDate: '2026-10-01' },
    });
    expect(parsePeriod('2026-q1', TODAY)).toMatchObject({ previous: { label: '2025-Q4' } });
    expect(parsePeriod('2026', TODAY)).toMatchObject({
      fromDate: '2026-01-01',
      toDate: '2027-01-01',
      previous: { label: '2025' },
    });
  });

  it('reads the last N days up to and including today', () => {
    expect(parsePeriod('last-30-days', TODAY)).toEqual({
      label: 'last-30-days',
      fromDate: '2026-11-06',
      toDate: '2026-12-06',
      previous: { label: 'the 30 days before', fromDate: '2026-10-07', toDate: '2026-11-06' },
    });
  });

  it('defaults to this month, and refuses what is not a period', () => {
    expect(parsePeriod(undefined, TODAY)).toMatchObject({ label: '2026-12', previous: { label: '2026-11' } });
    for (const input of ['2026-13', 'Q4', 'last-0-days', 'yesterday', '2026-11-05'])
      expect(parsePeriod(input, TODAY)).toEqual({ code: 'not_a_period', input });
  });
});
