import { canView, findActor } from './actors';
import { Change } from './change';
import type { WorkflowDeps } from './deps';
import type { AttachmentOutcome, FormValues, SlackFileRef } from './model';
import { templateVersion } from './template.service';
import type { TemplateDefinition } from './template-schema';

/**
 * A request's attachments on their way into the file library (docs/files-attachments.md). The
 * request is created at once with its Slack files as they were attached; the app then copies each
 * into the library and records here what became of it (a library reference, or why it was
 * refused), so the request and its attachments always agree: an entry is pending, stored or
 * refused, and only the server writes the last two.
 */

/** The files fields' entries of a form, with the field they belong to. */
export function attachmentsOf(
  definition: Pick<TemplateDefinition, 'fields'>,
  form: FormValues,
): { fieldId: string; file: SlackFileRef }[] {
  return definition.fields
    .filter((field) => field.type === 'files')
    .flatMap((field) => {
      const value = form[field.id];
      return Array.isArray(value) ? value.map((file) => ({ fieldId: field.id, file })) : [];
    });
}

/** Entries the library has not answered for yet (the app fetches these after the submission). */
export const pendingAttachments = (definition: Pick<TemplateDefinition, 'fields'>, form: FormValues) =>
  attachmentsOf(definition, form).filter(({ file }) => !file.stored && !file.refused);

/**
 * A resubmitted form keeps what the library already said about a file attached before (same Slack
 * file id): it is not copied twice. A new file starts pending; a file left out is no longer
 * listed on the request (its library copy stays, linked to the request's history).
 */
export function carryAttachmentState(
  definition: Pick<TemplateDefinition, 'fields'>,
  before: FormValues,
  after: FormValues,
): FormValues {
  const known = new Map(attachmentsOf(definition, before).map(({ file }) => [file.id, file]));
  const form = { ...after };
  for (const field of definition.fields) {
    const value = form[field.id];
    if (field.type !== 'files' || !Array.isArray(value)) continue;
    form[field.id] = value.map((file) => {
      const earlier = known.get(file.id);
      return {
        id: file.id,
        name: file.name,
        ...(earlier?.stored ? { stored: earlier.stored } : {}),
        ...(earlier?.refused ? { refused: earlier.refused } : {}),
      };
    });
  }
  return form;
}

/**
 * Records what the library did with attachments of a request: each outcome replaces the pending
 * entry with the same Slack file id (an entry already answered keeps its first answer). The
 * requester's tracking card is brought up to date through the outbox; the ids of the request's
 * tasks whose cards show the attachments are returned so the caller can refresh those too.
 */
export async function recordAttachments(
  deps: WorkflowDeps,
  instanceId: number,
  outcomes: readonly AttachmentOutcome[],
): Promise<{ changed: number; reference: string }> {
  return deps.store.inTransaction(async (transaction) => {
    const instance = await deps.store.lockInstance(instanceId, transaction);
    if (!instance) return { changed: 0, reference: '' };
    const template = await templateVersion(deps, instance.templateId, transaction);
    const bySlackId = new Map(outcomes.map((outcome) => [outcome.slackFileId, outcome]));
    let changed = 0;
    const form: FormValues = { ...instance.form };
    for (const field of template.definition.fields) {
      const value = form[field.id];
      if (field.type !== 'files' || !Array.isArray(value)) continue;
      form[field.id] = value.map((file) => {
        const outcome = bySlackId.get(file.id);
        if (!outcome || file.stored || file.refused) return file;
        changed += 1;
        return 'stored' in outcome
          ? { ...file, stored: outcome.stored }
          : { ...file, refused: outcome.refused };
      });
    }
    if (changed === 0) return { changed, reference: instance.reference };
    const change = new Change(deps, transaction, instance, template.definition, {
      personId: instance.requesterPersonId,
      slackUserId: instance.requesterSlackId,
    });
    change.update({ form });
    change.audit('workflow.attachments_recorded', null, {
      attachments: outcomes.map((outcome) =>
        'stored' in outcome
          ? { file: outcome.slackFileId, reference: outcome.stored.reference }
          : { file: outcome.slackFileId, refused: outcome.refused },
      ),
    });
    change.notifications.add('request_updated', change.requester, { instanceId, event: 'attachments' });
    await change.write();
    return { changed, reference: instance.reference };
  });
}

/**
 * Whether this Slack user may see the request (its requester, anyone its route names or who held
 * one of its tasks: approvers of every step, delegates, escalation targets, CC; and admins):
 * the file library asks this before anyone reads a request's attachment.
 */
export async function mayViewInstance(
  deps: WorkflowDeps,
  viewerSlackId: string,
  instanceId: number,
): Promise<boolean> {
  const instance = await deps.store.findInstanceById(instanceId);
  if (!instance) return false;
  const viewer = await findActor(deps.store, viewerSlackId);
  if (viewer && viewer.status !== 'active') return false;
  return canView(viewer, viewerSlackId, instance);
}

/** Requests whose attachments' copy was interrupted (unchanged for `olderThanMs`), oldest first. */
export async function interruptedAttachments(
  deps: WorkflowDeps,
  olderThanMs: number,
  limit = 100,
): Promise<number[]> {
  return deps.store.findInstanceIdsWithPendingAttachments(
    new Date(deps.clock.now().getTime() - olderThanMs),
    limit,
  );
}
