import { Op, QueryTypes, type Transaction, type WhereOptions } from 'sequelize';
import type { HolidayRecord } from '../../domain/workflows/records';
import { HolidayRow } from '../models';

export type { HolidayRecord };

/** The holiday dates within [from, to] (YYYY-MM-DD). */
export async function holidayDatesBetween(
  from: string,
  to: string,
  transaction?: Transaction,
): Promise<Set<string>> {
  const rows = await HolidayRow.findAll({
    attributes: ['date'],
    where: { date: { [Op.between]: [from, to] } },
    raw: true,
    transaction,
  });
  return new Set(rows.map((row) => row.date));
}

export async function listHolidayRecords(range: { from?: string; to?: string }): Promise<HolidayRecord[]> {
  const bounds: Record<symbol, string> = {};
  if (range.from) bounds[Op.gte] = range.from;
  if (range.to) bounds[Op.lte] = range.to;
  const where: WhereOptions<HolidayRow> =
    Object.getOwnPropertySymbols(bounds).length > 0 ? { date: bounds } : {};
  return HolidayRow.findAll({
    attributes: ['date', 'name', 'nameZh'],
    where,
    order: [['date', 'ASC']],
    raw: true,
  });
}

/** False when the date already is a holiday. */
export async function insertHoliday(holiday: HolidayRecord, transaction: Transaction): Promise<boolean> {
  const rows = await HolidayRow.sequelize!.query(
    `INSERT INTO holidays (date, name, name_zh) VALUES (:date, :name, :nameZh)
     ON CONFLICT (date) DO NOTHING RETURNING date`,
    { replacements: { ...holiday }, type: QueryTypes.SELECT, transaction },
  );
  return rows.length > 0;
}

/** The removed row, or null when there was none. */
export async function deleteHoliday(date: string, transaction: Transaction): Promise<HolidayRecord | null> {
  const row = await HolidayRow.findByPk(date, { transaction, lock: transaction.LOCK.UPDATE });
  if (!row) return null;
  await row.destroy({ transaction });
  return { date: row.date, name: row.name, nameZh: row.nameZh };
}
