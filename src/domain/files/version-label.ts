/**
 * Version labels as people write them: `1.0`, `1.1`, `2.0`, `2.0.1`, optionally with a `v`.
 * A new version's label must be greater than the current one, compared number by number, so
 * `1.10` comes after `1.9` (a text comparison would put it before). A missing part is 0:
 * `2` equals `2.0`, so `2.0` after `2` is refused as not greater.
 */

const LABEL = /^v?(\d{1,6})(?:\.(\d{1,6})){0,3}$/i;

export const DEFAULT_VERSION_LABEL = '1.0';

/** The numbers of a label, or null when it is not one (`1.0-draft`, `final`, `1..2`). */
export function parseVersionLabel(label: string): number[] | null {
  const trimmed = label.trim();
  if (!LABEL.test(trimmed)) return null;
  return trimmed.replace(/^v/i, '').split('.').map(Number);
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersionNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The label a new version may not go below or equal, and a suggestion for the next one. */
export function suggestNextLabel(current: string): string {
  const numbers = parseVersionLabel(current) ?? [1, 0];
  const [major = 1, minor = 0] = numbers;
  return `${major}.${minor + 1}`;
}
