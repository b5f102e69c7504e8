/**
 * Working days far enough ahead that no "too far in the past" rule ever applies, whatever day
 * the tests run: the Monday five weeks from now and the days after it, as YYYY-MM-DD.
 */
export function weekAhead(now = new Date()): { monday: string; tuesday: string; wednesday: string } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const untilMonday = (8 - day.getUTCDay()) % 7 || 7;
  day.setUTCDate(day.getUTCDate() + untilMonday + 35);
  const iso = (offset: number) => new Date(day.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return { monday: iso(0), tuesday: iso(1), wednesday: iso(2) };
}
