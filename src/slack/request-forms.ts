import { randomUUID } from 'node:crypto';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { FormValues } from '../domain/workflows/model';
import type { TemplateInfo } from '../domain/workflows/view-types';
import { CALLBACK_IDS } from './ids';
import { idValue } from './payloads';
import type { UserContext } from './user-context';
import { requestModal } from './views/workflows/request-modal.view';

/**
 * What a request modal carries in private_metadata: the template, the request being revised (on
 * resubmit), and an idempotency key so a Slack retry of the same submission creates one request.
 */
export const requestFormMetadataSchema = z.object({
  templateKey: z.string().min(1).max(40),
  instanceId: idValue.optional(),
  key: z.string().uuid(),
});
export type RequestFormMetadata = z.infer<typeof requestFormMetadataSchema>;

export function requestFormView(
  ctx: UserContext,
  template: TemplateInfo,
  options: { instanceId?: number; values?: FormValues } = {},
): ModalView {
  const metadata: RequestFormMetadata = {
    templateKey: template.key,
    key: randomUUID(),
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
  };
  return requestModal({
    template,
    t: ctx.t,
    locale: ctx.locale,
    privateMetadata: JSON.stringify(metadata),
    callbackId: CALLBACK_IDS.requestForm,
    ...(options.values ? { values: options.values, submit: ctx.t('forms.resubmit') } : {}),
  });
}

/** Registration uses its template's form, with the departments to choose from and the Slack name. */
export function registrationFormView(
  ctx: UserContext,
  template: TemplateInfo,
  departments: { key: string; name: { en: string; zh: string } }[],
  slackName: string | undefined,
): ModalView {
  const metadata: RequestFormMetadata = { templateKey: template.key, key: randomUUID() };
  return requestModal({
    template,
    t: ctx.t,
    locale: ctx.locale,
    privateMetadata: JSON.stringify(metadata),
    callbackId: CALLBACK_IDS.requestForm,
    departments,
    ...(slackName ? { values: { name: slackName } } : {}),
  });
}
