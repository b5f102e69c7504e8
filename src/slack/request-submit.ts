import type { WorkflowEngine } from '../domain/workflows/engine.service';
import type { SubmitResult, TemplateInfo } from '../domain/workflows/view-types';
import { readSubmission } from './forms/read-submission';
import type { RequestFormMetadata } from './request-forms';

type StateValues = Parameters<typeof readSubmission>[1];

/**
 * A request form's submission, sent as what it is: a registration, a resubmission (a file field
 * left empty keeps the request's earlier files) or a new request, with the form's idempotency key.
 */
export async function submitRequestForm(
  workflows: Pick<WorkflowEngine, 'getInstance' | 'resubmit' | 'submitRegistration' | 'submitRequest'>,
  slackUserId: string,
  metadata: RequestFormMetadata,
  template: TemplateInfo,
  state: StateValues,
): Promise<SubmitResult> {
  const previous = metadata.instanceId
    ? (await workflows.getInstance(slackUserId, metadata.instanceId)).values
    : undefined;
  const values = readSubmission(template, state, previous ? { previous } : {});
  const idempotency = { idempotencyKey: metadata.key };
  if (template.purpose === 'registration') {
    const text = (id: string) => (typeof values[id] === 'string' ? (values[id] as string) : '');
    const entry = {
      name: text('name'),
      departmentKey: text('department'),
      position: text('position'),
      contact: text('contact'),
    };
    return workflows.submitRegistration(slackUserId, entry, idempotency);
  }
  if (metadata.instanceId) return workflows.resubmit(slackUserId, metadata.instanceId, values);
  return workflows.submitRequest(slackUserId, metadata.templateKey, values, idempotency);
}
