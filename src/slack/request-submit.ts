import { getInstance, resubmit, submitRegistration, submitRequest } from '../domain/workflows/engine.service';
import type { SubmitResult, TemplateInfo } from '../domain/workflows/types';
import { readSubmission } from './forms/read-submission';
import type { RequestFormMetadata } from './request-forms';

type StateValues = Parameters<typeof readSubmission>[1];

/**
 * A request form's submission, sent as what it is: a registration, a resubmission (a file field
 * left empty keeps the request's earlier files) or a new request, with the form's idempotency key.
 */
export async function submitRequestForm(
  slackUserId: string,
  metadata: RequestFormMetadata,
  template: TemplateInfo,
  state: StateValues,
): Promise<SubmitResult> {
  const previous = metadata.instanceId
    ? (await getInstance(slackUserId, metadata.instanceId)).values
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
    return submitRegistration(slackUserId, entry, idempotency);
  }
  if (metadata.instanceId) return resubmit(slackUserId, metadata.instanceId, values);
  return submitRequest(slackUserId, metadata.templateKey, values, idempotency);
}
