/**
 * Report periods as people type them: a month (`2026-11`), a quarter (`2026-Q4`), a year (`2026`)
 * or the last N days (`last-30-days`), in the organisation's time zone. Each has the period
 * before it of the same kind, for the ▲▼ comparison.
 */

export interface Period {
  /** As typed, normalised: `2026-11`, `2026-Q4`, `2026`, `last-30-days`. */
  label: string;
  /** Local start date (inclusive) and end date (exclusive), YYYY-MM-DD. */
  fromDate: string;
  toDate: string;
  previous: { label: string; fromDate: string; toDate: string };
}

export type PeriodProblem = { code: 'not_a_period'; input: string };

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d = 1) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};
const addDays = (date: string, days: number) => {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
};

function month(y: number, m: number): Omit<Period, 'previous'> {
  return { label: `${y}-${pad(m)}`, fromDate: ymd(y, m), toDate: ymd(y, m + 1) };
}
function quarter(y: number, q: number): Omit<Period, 'previous'> {
  return { label: `${y}-Q${q}`, fromDate: ymd(y, (q - 1) * 3 + 1), toDate: ymd(y, q * 3 + 1) };
}
function year(y: number): Omit<Period, 'previous'> {
  return { label: String(y), fromDate: ymd(y, 1), toDate: ymd(y + 1, 1) };
}

/** `today` is the local date in the organisation's zone (YYYY-MM-DD); the default is this month. */
export function parsePeriod(input: string | undefined, today: string): Period | PeriodProblem {
  const text = (input ?? '').trim().toLowerCase();
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  if (text === '' || text === 'this-month') return { ...month(ty, tm), previous: month(ty, tm - 1) };
  const monthly = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (monthly && Number(monthly[2]) >= 1 && Number(monthly[2]) <= 12) {
    const [y, m] = [Number(monthly[1]), Number(monthly[2])];
    return { ...month(y, m), previous: month(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1) };
  }
  const quarterly = /^(\d{4})-q([1-4])$/.exec(text);
  if (quarterly) {
    const [y, q] = [Number(quarterly[1]), Number(quarterly[2])];
    return { ...quarter(y, q), previous: q === 1 ? quarter(y - 1, 4) : quarter(y, q - 1) };
  }
  const yearly = /^(\d{4})$/.exec(text);
  if (yearly) return { ...year(Number(yearly[1])), previous: year(Number(yearly[1]) - 1) };
  const lastDays = /^last-(\d{1,3})-days?$/.exec(text);
  if (lastDays && Number(lastDays[1]) >= 1) {
    const days = Number(lastDays[1]);
    const toDate = addDays(today, 1);
    const fromDate = addDays(toDate, -days);
    return {
      label: `last-${days}-days`,
      fromDate,
      toDate,
      previous: { label: `the ${days} days before`, fromDate: addDays(fromDate, -days), toDate: fromDate },
    };
  }
  return { code: 'not_a_period', input: input ?? '' };
}
