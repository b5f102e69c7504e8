/**
 * RFC 4180 CSV. Starts with a UTF-8 byte order mark so that spreadsheet programs read the Chinese
 * text correctly. Cells that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed
 * with an apostrophe: a request's text is user input and must not execute on an admin's machine.
 */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
