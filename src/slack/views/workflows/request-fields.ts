import type { Locale } from '../../../config';
import type { FieldView, InstanceView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { escapeMrkdwn } from '../blocks';
import { localized } from '../format';

/** The fields of a request as "*Label*\nvalue" cells; attachments listed apart; at most `max`. */
export function fieldCells(
  instance: InstanceView,
  t: Translate,
  locale: Locale,
  max = 8,
): { cells: string[]; files: string | null } {
  const shown = instance.fields.filter((field) => field.display !== null && field.type !== 'files');
  const cells = shown
    .slice(0, max)
    .map(
      (field: FieldView) =>
        `*${escapeMrkdwn(localized(field.label, locale))}*\n${escapeMrkdwn(localized(field.display!, locale))}`,
    );
  if (shown.length > max) cells.push(t('wf.card.moreFields', { count: shown.length - max }));
  const files = instance.fields
    .filter((field) => field.type === 'files' && field.display)
    .map((field) => escapeMrkdwn(localized(field.display!, locale)))
    .join('\n');
  return { cells, files: files || null };
}

export const personName = (person: { name: string; slackUserId: string | null }) =>
  person.slackUserId ? `<@${person.slackUserId}>` : escapeMrkdwn(person.name);
