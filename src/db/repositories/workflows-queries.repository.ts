import { QueryTypes, type Transaction } from 'sequelize';
import type { FormValues, InstanceStatus } from '../../domain/workflows/model';
import type { IdPage, SearchQuery } from '../../domain/workflows/store';
import { WorkflowInstance } from '../models';

export type { IdPage, SearchQuery };

/**
 * Read queries over many requests: lists, search, export, and the overlap check of a submission.
 * Each returns ids (and a total); the views are built from them by the domain.
 */

const sequelize = () => {
  const instance = WorkflowInstance.sequelize;
  if (!instance) throw new Error('models are not initialised: call createSequelize() first');
  return instance;
};

const ACTIVE_STATUSES: InstanceStatus[] = ['in_review', 'returned', 'approved'];

/** The requester's own requests of a template that still count (for the overlap check). */
export async function findOwnActiveForms(
  requesterSlackId: string,
  templateKey: string,
  excludeInstanceId: number | null,
  transaction?: Transaction,
): Promise<{ reference: string; form: FormValues }[]> {
  return sequelize().query<{ reference: string; form: FormValues }>(
    `SELECT reference, form FROM workflow_instances
     WHERE requester_slack_id = :requesterSlackId AND template_key = :templateKey
       AND status IN (:statuses) AND id <> :exclude
     ORDER BY id`,
    {
      replacements: {
        requesterSlackId,
        templateKey,
        statuses: ACTIVE_STATUSES,
        exclude: excludeInstanceId ?? 0,
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
}

/** An open registration (in review or returned) of this Slack user. */
export async function findOpenRegistration(
  slackUserId: string,
  transaction: Transaction,
): Promise<{ id: number; reference: string } | null> {
  const [row] = await sequelize().query<{ id: number; reference: string }>(
    `SELECT i.id, i.reference FROM workflow_instances i
     JOIN workflow_templates t ON t.id = i.template_id
     WHERE i.requester_slack_id = :slackUserId AND t.definition->>'purpose' = 'registration'
       AND i.status IN ('in_review', 'returned')
     ORDER BY i.id LIMIT 1`,
    { replacements: { slackUserId }, type: QueryTypes.SELECT, transaction },
  );
  return row ?? null;
}

/**
 * Requests with an attachment the library has not answered for (no `stored`, no `refused`) and
 * unchanged since `before`: their copy was interrupted (see domain/workflows/attachments.service.ts).
 */
export async function findInstanceIdsWithPendingAttachments(before: Date, limit: number): Promise<number[]> {
  const rows = await sequelize().query<{ id: number }>(
    `SELECT i.id FROM workflow_instances i
     WHERE i.updated_at < :before AND EXISTS (
       SELECT 1 FROM jsonb_each(i.form) AS f(key, value)
       CROSS JOIN LATERAL jsonb_array_elements(
         CASE WHEN jsonb_typeof(f.value) = 'array' THEN f.value ELSE '[]'::jsonb END) AS e(item)
       WHERE jsonb_typeof(e.item) = 'object' AND e.item ->> 'id' IS NOT NULL
         AND e.item -> 'stored' IS NULL AND e.item -> 'refused' IS NULL)
     ORDER BY i.id LIMIT :limit`,
    { replacements: { before, limit }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => row.id);
}

async function page(whereSql: string, replacements: Record<string, unknown>, offset: number, limit: number) {
  const rows = await sequelize().query<{ id: number; total: string }>(
    `SELECT id, count(*) OVER () AS total FROM workflow_instances
     WHERE ${whereSql}
     ORDER BY created_at DESC, id DESC
     OFFSET :offset LIMIT :limit`,
    { replacements: { ...replacements, offset, limit }, type: QueryTypes.SELECT },
  );
  if (rows.length > 0 || offset === 0)
    return { ids: rows.map((row) => row.id), total: Number(rows[0]?.total ?? 0) };
  // Past the end: still report how many there are.
  const [count] = await sequelize().query<{ total: string }>(
    `SELECT count(*) AS total FROM workflow_instances WHERE ${whereSql}`,
    { replacements, type: QueryTypes.SELECT },
  );
  return { ids: [], total: Number(count?.total ?? 0) };
}

export async function pageOfRequestsOf(
  requesterSlackId: string,
  status: InstanceStatus | undefined,
  offset: number,
  limit: number,
): Promise<IdPage> {
  return page(
    `requester_slack_id = :requesterSlackId${status ? ' AND status = :status' : ''}`,
    { requesterSlackId, status: status ?? null },
    offset,
    limit,
  );
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchInstanceIds(query: SearchQuery): Promise<IdPage> {
  const where = ['status IN (:statuses)'];
  const replacements: Record<string, unknown> = { statuses: query.statuses, timeZone: query.timeZone };
  if (query.visibleTo) {
    where.push('(requester_slack_id = :viewerSlackId OR :viewerPersonId = ANY (participant_person_ids))');
    replacements.viewerSlackId = query.visibleTo.slackUserId;
    // -1 never matches a person id: an unregistered viewer sees only their own requests.
    replacements.viewerPersonId = query.visibleTo.personId ?? -1;
  }
  if (query.text) {
    where.push("search_text LIKE :text ESCAPE '\\'");
    replacements.text = `%${escapeLike(query.text.toLowerCase())}%`;
  }
  if (query.reference) {
    where.push('(reference = :reference OR document_number = :reference)');
    replacements.reference = query.reference;
  }
  if (query.requesterSlackId) {
    where.push('requester_slack_id = :requesterSlackId');
    replacements.requesterSlackId = query.requesterSlackId;
  }
  if (query.templateKey) {
    where.push('template_key = :templateKey');
    replacements.templateKey = query.templateKey;
  }
  if (query.from) {
    where.push('created_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :timeZone)');
    replacements.from = query.from;
  }
  if (query.to) {
    where.push('created_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :timeZone)');
    replacements.to = query.to;
  }
  return page(where.join(' AND '), replacements, query.offset, query.limit);
}

/** Every request submitted in [from, to] (calendar dates in the zone), oldest first. */
export async function findIdsSubmittedBetween(from: string, to: string, timeZone: string): Promise<number[]> {
  const rows = await sequelize().query<{ id: number }>(
    `SELECT id FROM workflow_instances
     WHERE created_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :timeZone)
       AND created_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :timeZone)
     ORDER BY created_at, id`,
    { replacements: { from, to, timeZone }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => row.id);
}
