import type { Model, ModelStatic } from 'sequelize';

/**
 * Raw statements with the models' shapes: column lists, JSON rows and JSON recordsets built from
 * the Sequelize models, so a hand-written statement cannot drift from the model it reads or writes.
 */
// biome-ignore lint/suspicious/noExplicitAny: any model, whatever its attributes.
export type AnyModel = ModelStatic<Model<any, any>>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function attributesOf(model: AnyModel): { name: string; field: string; key: string }[] {
  return Object.entries(model.getAttributes()).map(([name, attribute]) => ({
    name,
    field: attribute.field ?? name,
    // Normalised by Model.init: a data type instance, whose key names the type ('DATE', 'BIGINT'…).
    key: String((attribute.type as { key?: unknown }).key ?? attribute.type),
  }));
}

const columnLists = new Map<string, string>();

/**
 * `alias."column" AS "attribute", …` for every attribute of a model, built from the model so it
 * cannot drift from it. A raw statement selecting (or RETURNING) these gets rows in the shape of
 * `Model.findAll(...)` rows read with `get({ plain: true })`: same keys, same pg type parsing.
 */
export function columnsOf(model: AnyModel, alias?: string): string {
  const cacheKey = `${model.name}:${alias ?? ''}`;
  let list = columnLists.get(cacheKey);
  if (list === undefined) {
    const prefix = alias ? `${alias}.` : '';
    list = attributesOf(model)
      .map(({ name, field }) => `${prefix}${quote(field)} AS ${quote(name)}`)
      .join(', ');
    columnLists.set(cacheKey, list);
  }
  return list;
}

/**
 * `json_build_object('attribute', alias."column", …)`: one row inside a JSON aggregate, read back
 * by `fromJsonRow`. BIGINT goes as text, as pg returns it.
 */
export function jsonRowOf(model: AnyModel, alias: string): string {
  const pairs = attributesOf(model).map(
    ({ name, field, key }) => `'${name}', ${alias}.${quote(field)}${key === 'BIGINT' ? '::text' : ''}`,
  );
  return `json_build_object(${pairs.join(', ')})`;
}

const jsonRowReaders = new Map<AnyModel, (row: Record<string, unknown>) => unknown>();

/** A row built by `jsonRowOf`, with its timestamps (ISO strings in JSON) as Dates again. */
export function fromJsonRow<T>(model: AnyModel): (row: Record<string, unknown>) => T {
  let read = jsonRowReaders.get(model);
  if (read === undefined) {
    const dates = attributesOf(model)
      .filter(({ key }) => key === 'DATE')
      .map(({ name }) => name);
    read = (row) => {
      for (const name of dates) {
        const value = row[name];
        if (typeof value === 'string') row[name] = new Date(value);
      }
      return row;
    };
    jsonRowReaders.set(model, read);
  }
  return read as (row: Record<string, unknown>) => T;
}

const fieldsByModel = new Map<AnyModel, Map<string, string>>();

/**
 * Rows of a model keyed by column, to send as JSON to `json_populate_recordset(NULL::<table>, …)`
 * (one row: `json_populate_record`): any number of rows in one statement, each value read as its
 * column's type (Dates as ISO strings, JSONB values as nested JSON, arrays as JSON arrays).
 * `columns` are those the rows set (an undefined value is not set), quoted; a statement lists only
 * those, so the others keep their defaults. Rows should set the same attributes: one that leaves
 * out an attribute another sets gets NULL there.
 */
export function rowAsJson(
  model: AnyModel,
  rows: readonly object[],
): { table: string; columns: string[]; records: Record<string, unknown>[] } {
  let fields = fieldsByModel.get(model);
  if (fields === undefined) {
    fields = new Map(attributesOf(model).map(({ name, field }) => [name, field]));
    fieldsByModel.set(model, fields);
  }
  const used = new Set<string>();
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const field = fields.get(name);
      if (field === undefined) throw new Error(`${model.name} has no attribute ${name}`);
      if (value === undefined) continue;
      record[field] = value;
      used.add(field);
    }
    return record;
  });
  return {
    table: quote(String(model.getTableName())),
    columns: [...used].map(quote),
    records,
  };
}
