import type { Locale } from '../../../config';
import type { FieldView, InstanceView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { escapeMrkdwn } from '../blocks';
import { localized } from '../format';

/** The fields of a request as "*Label*\nvalue" cells, at most `max`; attachments: attachments.view.ts. */
export function fieldCells(
  instance: InstanceView,
  t: Translate,
  locale: Locale,
  max = 8,
): { cells: string[] } {
  const shown = instance.fields.filter((field) => field.display !== null && field.type !== 'files');
  const cells = shown
    .slice(0, max)
    .map(
      (field: FieldView) =>
        `*${escapeMrkdwn(localized(field.label, locale))}*\n${escapeMrkdwn(localized(field.display!, locale))}`,
    );
  if (shown.length > max) cells.push(t('wf.card.moreFields', { count: shown.length - max }));
  return { cells };
}

export const personName = (person: { name: string; slackUserId: string | null }) =>
  person.slackUserId ? `<@${person.slackUserId}>` : escapeMrkdwn(person.name);
