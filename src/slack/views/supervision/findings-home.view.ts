import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { DepartmentRecord } from '../../../domain/org/model';
import type { FindingRow } from '../../../domain/supervision/finding-types';
import type { Translate } from '../../i18n';
import { SUPERVISION_IDS } from '../../ids';
import { context, divider, escapeMrkdwn, truncate } from '../blocks';
import { formatDateTime } from '../format';
import { departmentName } from './spot-check.view';

/** How many open findings the Home lists (each is one section): the oldest first. */
export const HOME_FINDINGS = 8;

/**
 * The App Home's open spot-check findings (supervisors: all; a follow-up owner: theirs), each with
 * a Close button. Nothing at all when there are none: most people never see this section.
 */
export function findingsHomeSection(props: {
  t: Translate;
  locale: Locale;
  timezone: string;
  findings: readonly FindingRow[];
  departments: readonly DepartmentRecord[];
  slackIdOf: (personId: number) => string | null;
}): KnownBlock[] {
  const { t, findings } = props;
  if (findings.length === 0) return [];
  const shown = findings.slice(0, HOME_FINDINGS);
  const blocks: KnownBlock[] = [
    divider(),
    { type: 'section', text: { type: 'mrkdwn', text: t('findings.home.title', { count: findings.length }) } },
  ];
  for (const finding of shown) {
    const owner = finding.followUpPersonId === null ? null : props.slackIdOf(finding.followUpPersonId);
    blocks.push({
      type: 'section',
      block_id: `finding_${finding.id}`,
      text: {
        type: 'mrkdwn',
        text: truncate(
          t('findings.home.line', {
            id: finding.id,
            reference: finding.itemReference,
            department: escapeMrkdwn(departmentName(props.departments, finding.departmentId, props.locale)),
            owner: owner ? `<@${owner}>` : t('findings.home.nobody'),
            since: formatDateTime(finding.createdAt.toISOString(), props.locale, props.timezone),
            note: escapeMrkdwn(truncate(finding.note, 300)),
          }),
          3000,
        ),
      },
      accessory: {
        type: 'button',
        action_id: SUPERVISION_IDS.closeFinding,
        text: { type: 'plain_text', text: t('findings.close') },
        value: String(finding.id),
      },
    });
  }
  if (findings.length > shown.length) blocks.push(context(t('findings.home.more', { shown: shown.length })));
  return blocks;
}
