import type { ModalView } from '@slack/types';
import type { Directory } from '../domain/org/directory.service';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import { registrationFormView } from './request-forms';
import type { UserContext } from './user-context';

/** What opening the registration form needs from the interaction (`/oa register`, the Register button). */
export interface RegistrationIo {
  /** Opens a modal with the interaction's trigger_id (valid for 3 s: call it first). */
  openModal(view: ModalView): Promise<void>;
  /** The person's real name as Slack has it, to pre-fill their registration. */
  slackName(): Promise<string | undefined>;
}

/**
 * The registration form, pre-filled with the name Slack knows; refused before it opens to people
 * already in, suspended, or with a registration waiting (nothing to fill in that cannot be sent).
 */
export async function openRegistration(
  workflows: Pick<WorkflowEngine, 'checkMayRegister' | 'getTemplate'>,
  directory: Pick<Directory, 'departmentChoices'>,
  slackUserId: string,
  ctx: UserContext,
  io: RegistrationIo,
): Promise<void> {
  await workflows.checkMayRegister(slackUserId);
  const [template, departments, name] = await Promise.all([
    workflows.getTemplate('registration'),
    directory.departmentChoices(),
    io.slackName(),
  ]);
  await io.openModal(registrationFormView(ctx, template, departments, name));
}
