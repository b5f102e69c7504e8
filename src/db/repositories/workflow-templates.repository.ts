import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { TemplateDefinition } from '../../domain/workflows/template-schema';
import { WorkflowTemplate } from '../models';
import { lockNamed } from './transaction';
import { plain, plainAll, workflowSequelize as sequelize, type TemplateRecord } from './workflow-records';

/** Workflow templates (every version kept) and the yearly counters behind references and document numbers. */

/** Two replicas starting at once must not both add version n+1 of the same template. */
export const lockTemplateSync = (transaction: Transaction) =>
  lockNamed('gongwu:workflow-template-sync', transaction);

export async function findLatestTemplateVersion(
  key: string,
  transaction?: Transaction,
): Promise<TemplateRecord | null> {
  const row = await WorkflowTemplate.findOne({ where: { key }, order: [['version', 'DESC']], transaction });
  return row ? plain<TemplateRecord>(row) : null;
}

export async function findTemplateVersionsByIds(
  ids: readonly number[],
  transaction?: Transaction,
): Promise<TemplateRecord[]> {
  if (ids.length === 0) return [];
  return plainAll(await WorkflowTemplate.findAll({ where: { id: { [Op.in]: [...ids] } }, transaction }));
}

export async function listLatestTemplateVersions(): Promise<TemplateRecord[]> {
  const ids = await sequelize().query<{ id: number }>(
    'SELECT DISTINCT ON (key) id FROM workflow_templates ORDER BY key, version DESC',
    { type: QueryTypes.SELECT },
  );
  const rows = await findTemplateVersionsByIds(ids.map((row) => row.id));
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}

export async function insertTemplateVersion(
  values: { key: string; version: number; definition: TemplateDefinition; checksum: string },
  transaction: Transaction,
): Promise<TemplateRecord> {
  return plain(await WorkflowTemplate.create(values, { transaction }));
}

// --- counters ---------------------------------------------------------------------------------

/**
 * The next number of a scope and year. The upsert takes the counter row's lock until the
 * transaction ends, so numbers are handed out in order, and a rollback returns its number.
 */
export async function nextCounterValue(
  scope: string,
  year: number,
  transaction: Transaction,
): Promise<number> {
  const [row] = await sequelize().query<{ value: number }>(
    `INSERT INTO reference_counters (scope, year, value) VALUES (:scope, :year, 1)
     ON CONFLICT (scope, year) DO UPDATE SET value = reference_counters.value + 1
     RETURNING value`,
    { replacements: { scope, year }, type: QueryTypes.SELECT, transaction },
  );
  return Number(row!.value);
}
