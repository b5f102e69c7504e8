import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  figureOf,
  INDICATOR_KEYS,
  type IndicatorGroup,
  type IndicatorKey,
} from '../domain/supervision/indicator-keys';
import type { Report } from '../domain/supervision/report.service';

/**
 * A report as an .xlsx workbook (`/oa report … xlsx`): one sheet per indicator group (each figure
 * with its key, its value and the period before's), then one sheet of records per raw key. It is
 * written with exceljs' streaming writer, each row committed as it is written, so a year of
 * requests does not sit in memory as cell objects: only the compressed file does.
 */

export interface WorkbookLabels {
  /** The sheet name of each group (31 characters at most: Excel's limit). */
  group: (group: IndicatorGroup) => string;
  key: string;
  value: string;
  previous: string;
}

/** The raw records the workbook carries after the figures. */
export const WORKBOOK_RAW_KEYS: readonly IndicatorKey[] = ['requests', 'tasks-decided', 'published'];

const cellValue = (value: unknown): ExcelJS.CellValue => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    // Numbers arrive from PostgreSQL as text (count, numeric): a number in the sheet.
    return /^-?\d+(\.\d+)?$/.test(value) && value.length < 16 ? Number(value) : value;
  }
  return JSON.stringify(value);
};

/** Excel refuses []:*?/\ in sheet names and more than 31 characters. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

export async function reportWorkbook(
  report: Report,
  labels: WorkbookLabels,
  raw: ReadonlyArray<{
    key: IndicatorKey;
    rows: AsyncIterable<Record<string, unknown>> | Array<Record<string, unknown>>;
  }>,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  for (const group of Object.keys(INDICATOR_KEYS) as IndicatorGroup[]) {
    const sheet = book.addWorksheet(sheetName(labels.group(group)));
    sheet.addRow([labels.key, labels.value, labels.previous]).commit();
    for (const key of INDICATOR_KEYS[group])
      sheet.addRow([key, figureOf(key, report.current), figureOf(key, report.previous)]).commit();
    if (group === 'workflow') {
      // The figures that are not counts: turnaround by request type, in working hours.
      for (const row of report.current.workflow.turnaround) {
        sheet.addRow([`turnaround-median:${row.template}`, row.medianHours, null]).commit();
        sheet.addRow([`turnaround-p90:${row.template}`, row.p90Hours, null]).commit();
      }
    }
    if (group === 'publishing') {
      const { medianHours, p90Hours } = report.current.publishing.toPublication;
      const before = report.previous.publishing.toPublication;
      sheet.addRow(['to-publication-median', medianHours, before.medianHours]).commit();
      sheet.addRow(['to-publication-p90', p90Hours, before.p90Hours]).commit();
    }
    sheet.commit();
  }
  for (const { key, rows } of raw) {
    const sheet = book.addWorksheet(sheetName(key));
    let columns: string[] | null = null;
    for await (const row of rows) {
      if (!columns) {
        columns = Object.keys(row);
        sheet.addRow(columns).commit();
      }
      sheet.addRow(columns.map((column) => cellValue(row[column]))).commit();
    }
    sheet.commit();
  }
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
