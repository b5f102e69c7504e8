import type { ModalView } from '@slack/types';
import type { TemplateInfo } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { CALLBACK_IDS } from '../../ids';
import type { UserContext } from '../../user-context';
import { localized } from '../format';

export const PICKER_BLOCK = 'wf_template';
export const PICKER_ACTION = 'template';

/** `/request` without a type: choose one, then the modal is replaced by its form. */
export function templatePicker(ctx: UserContext, templates: TemplateInfo[]): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.templatePicker,
    title: { type: 'plain_text', text: ctx.t('wf.modal.picker.title').slice(0, 24) },
    submit: { type: 'plain_text', text: ctx.t('wf.modal.picker.next').slice(0, 24) },
    close: { type: 'plain_text', text: ctx.t('wf.modal.cancel').slice(0, 24) },
    blocks: [
      {
        type: 'input',
        block_id: PICKER_BLOCK,
        label: { type: 'plain_text', text: ctx.t('wf.modal.picker.label') },
        element: {
          type: 'static_select',
          action_id: PICKER_ACTION,
          options: templates.slice(0, 100).map((template) => ({
            value: template.key,
            text: { type: 'plain_text', text: localized(template.title, ctx.locale).slice(0, 75) },
          })),
        },
      },
    ],
  };
}

/** `/request <type>` with a type that is not one: the types there are. */
export function unknownTemplateText(t: Translate, typed: string, templates: TemplateInfo[]): string {
  return t('wf.error.unknownTemplate', {
    key: typed.slice(0, 40).replace(/[<>&`]/g, ''),
    keys: templates.map((template) => `\`${template.key}\``).join(', '),
  });
}
