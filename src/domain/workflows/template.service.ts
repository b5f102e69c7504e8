import { createHash } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { audit } from '../../db/repositories/audit.repository';
import { inTransaction } from '../../db/repositories/transaction';
import type { TemplateRecord } from '../../db/repositories/workflow-records';
import {
  findLatestTemplateVersion,
  findTemplateVersionsByIds,
  insertTemplateVersion,
  listLatestTemplateVersions,
  lockTemplateSync,
} from '../../db/repositories/workflow-templates.repository';
import { type TemplateDefinition, type TemplateInput, templateSchema } from './template-schema';
import { BUILTIN_TEMPLATES } from './templates';
import type { TemplateInfo } from './types';
import { WorkflowError } from './workflow-errors';

/**
 * Templates are stored versioned: a request keeps the version it was started with, so changing a
 * template never changes the form or the route of a request already under way.
 */

export const TEMPLATE_SYNC_ACTOR = 'system:workflow-templates';

export class InvalidTemplateError extends Error {
  constructor(
    readonly key: string,
    readonly problems: string[],
  ) {
    super(`template ${key} is invalid: ${problems.join('; ')}`);
    this.name = 'InvalidTemplateError';
  }
}

/** Validates a template; every problem is named with its path. */
export function parseTemplate(input: unknown): TemplateDefinition {
  const result = templateSchema.safeParse(input);
  if (result.success) return result.data;
  const key = typeof input === 'object' && input && 'key' in input ? String(input.key) : '(no key)';
  throw new InvalidTemplateError(
    key,
    result.error.issues.map((issue) => `${issue.path.join('.') || '(template)'}: ${issue.message}`),
  );
}

/** JSON with sorted keys, so that equal definitions have equal checksums. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const checksumOf = (definition: TemplateDefinition) =>
  createHash('sha256').update(canonicalJson(definition)).digest('hex');

/** Stores each template as a new version when its definition changed (or is new). Run at start. */
export async function syncTemplates(
  templates: readonly TemplateInput[] = BUILTIN_TEMPLATES,
): Promise<{ key: string; version: number; created: boolean }[]> {
  // Validate them all first: one bad template stops the start before anything is written.
  const definitions = templates.map(parseTemplate);
  return inTransaction(async (transaction) => {
    await lockTemplateSync(transaction);
    const results: { key: string; version: number; created: boolean }[] = [];
    for (const definition of definitions) {
      const checksum = checksumOf(definition);
      const latest = await findLatestTemplateVersion(definition.key, transaction);
      if (latest?.checksum === checksum) {
        results.push({ key: definition.key, version: latest.version, created: false });
        continue;
      }
      const version = (latest?.version ?? 0) + 1;
      await insertTemplateVersion({ key: definition.key, version, definition, checksum }, transaction);
      await audit(transaction, {
        actor: TEMPLATE_SYNC_ACTOR,
        action: 'workflow.template_version_added',
        subjectType: 'workflow_template',
        subjectId: definition.key,
        before: latest ? { version: latest.version, checksum: latest.checksum } : null,
        after: { version, checksum },
      });
      results.push({ key: definition.key, version, created: true });
    }
    return results;
  });
}

// Stored versions never change, so they can be cached for the life of the process.
const versionCache = new Map<number, TemplateRecord>();

export async function templateVersionsByIds(
  ids: readonly number[],
  transaction?: Transaction,
): Promise<Map<number, TemplateRecord>> {
  const missing = [...new Set(ids)].filter((id) => !versionCache.has(id));
  for (const record of await findTemplateVersionsByIds(missing, transaction))
    versionCache.set(record.id, record);
  return new Map(ids.flatMap((id) => (versionCache.has(id) ? [[id, versionCache.get(id)!] as const] : [])));
}

export async function templateVersion(id: number, transaction?: Transaction): Promise<TemplateRecord> {
  const record = (await templateVersionsByIds([id], transaction)).get(id);
  if (!record) throw new WorkflowError('not_found', { what: 'template' });
  return record;
}

export function toTemplateInfo(record: TemplateRecord): TemplateInfo {
  const { definition } = record;
  return {
    key: record.key,
    version: record.version,
    title: definition.title,
    description: definition.description ?? null,
    prefix: definition.prefix,
    purpose: definition.purpose,
    fields: definition.fields,
    computed: definition.computed,
    definition,
  };
}

/** The latest version of a template; `not_found` when unknown. */
export async function latestTemplate(key: string): Promise<TemplateRecord> {
  const record = await findLatestTemplateVersion(key);
  if (!record) throw new WorkflowError('not_found', { what: 'template', key });
  versionCache.set(record.id, record);
  return record;
}

export async function getTemplate(key: string): Promise<TemplateInfo> {
  return toTemplateInfo(await latestTemplate(key));
}

/** What people can start from the picker: registration has its own entry point. */
export async function listTemplates(): Promise<TemplateInfo[]> {
  return (await listLatestTemplateVersions())
    .filter((record) => record.definition.purpose === 'request')
    .map(toTemplateInfo);
}
