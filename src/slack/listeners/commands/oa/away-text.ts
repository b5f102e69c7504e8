import { parseUserRef } from './user-ref';

/**
 * Parses `/oa away …`: nothing (the status), `off`, or `<from> [<to>] @delegate [note]` — the
 * delegate may also come first. Dates as the leave quick text takes them: 2026-12-01,
 * 2026/12/1, 2026.12.1 or 2026年12月1日, the two joined by a space, `~`, `to`, `至`, `到` or a dash.
 * Pure: the engine checks the values themselves (order, past, the delegate).
 */
export type AwayCommand =
  | { action: 'status' }
  | { action: 'off' }
  | { action: 'set'; from: string; to: string; delegate: string; note: string | null }
  | { action: 'invalid_date'; value: string }
  | { action: 'missing_delegate' }
  | { action: 'usage' };

const OFF = new Set(['off', 'end', 'stop', 'cancel', '結束', '取消', '關閉']);
const SEPARATORS = new Set(['~', 'to', '-', '–', '—', '至', '到', 'until', 'till']);
const DATE = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/];

/** YYYY-MM-DD for a date in one of the accepted forms; null when it only looks like one. */
function readDate(piece: string): string | null | undefined {
  for (const pattern of DATE) {
    const match = pattern.exec(piece);
    if (!match) continue;
    const [, y = '', m = '', d = ''] = match;
    const at = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    const valid =
      at.getUTCFullYear() === Number(y) &&
      at.getUTCMonth() === Number(m) - 1 &&
      at.getUTCDate() === Number(d);
    return valid ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : null;
  }
  return /^\d/.test(piece) ? null : undefined;
}

export function parseAwayText(words: readonly string[]): AwayCommand {
  if (words.length === 0) return { action: 'status' };
  if (words.length === 1 && OFF.has(words[0]!.normalize('NFKC').toLowerCase())) return { action: 'off' };
  // Separators glued to dates come apart: "2026-12-01~2026-12-05".
  const pieces = words.flatMap((word) =>
    word
      .normalize('NFKC')
      .replace(/[~–—]|(?<=\d)[至到](?=\d)/g, ' ~ ')
      .split(/\s+/)
      .filter(Boolean),
  );
  let at = 0;
  let delegate = parseUserRef(pieces[0]);
  if (delegate) at = 1;
  const dates: string[] = [];
  for (; at < pieces.length; at++) {
    const piece = pieces[at]!;
    if (dates.length > 0 && SEPARATORS.has(piece.toLowerCase())) continue;
    const date = readDate(piece);
    if (date === undefined) break;
    if (date === null || dates.length === 2) return { action: 'invalid_date', value: piece.slice(0, 40) };
    dates.push(date);
  }
  if (dates.length === 0) return { action: 'usage' };
  if (!delegate) {
    delegate = parseUserRef(pieces[at]);
    if (!delegate) return { action: 'missing_delegate' };
    at++;
  }
  const note = pieces.slice(at).join(' ').trim();
  return { action: 'set', from: dates[0]!, to: dates[1] ?? dates[0]!, delegate, note: note || null };
}
