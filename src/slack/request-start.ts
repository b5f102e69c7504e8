import type { WebClient } from '@slack/web-api';
import { memberActor, type WorkflowEngine } from '../domain/workflows/engine.service';
import type { Interaction } from './interaction';

/** Maintenance mode's refusal of new submissions, where the request-start paths find it. */
export { refuseIfMaintenance } from './maintenance-guard';

import { openModal } from './modals';
import { requestFormView } from './request-forms';
import type { UserContext } from './user-context';

/**
 * Refuses, before any form opens, people who could not send it (not registered, suspended, only a
 * guest): they are told why at once, with Register where that is the next step, instead of filling
 * in a form that is refused on Submit. From the interaction's one directory read; submitting
 * re-checks in its own transaction.
 */
export function refuseUnlessMember(actor: Interaction): void {
  const standing = actor.standing();
  memberActor(standing.kind === 'unregistered' ? null : standing.person);
}

/** Opens a template's empty request form (`/document`, `/request <type>`, the Home tab's Start buttons). */
export async function openRequestForm(
  workflows: Pick<WorkflowEngine, 'getTemplate'>,
  client: WebClient,
  triggerId: string,
  ctx: UserContext,
  templateKey: string,
): Promise<void> {
  await openModal(client, triggerId, requestFormView(ctx, await workflows.getTemplate(templateKey)));
}
