import type { Locale } from '../../../config';
import type { AnnouncementInput, ChannelFacts } from '../../../domain/announcements/types';
import type { DepartmentRecord } from '../../../domain/org/model';
import { SCORECARD_INDICATORS, type ScoreLine } from '../../../domain/supervision/scorecard';
import type { Scorecard } from '../../../domain/supervision/scorecard.service';
import type { Translate } from '../../i18n';
import type { Reply } from '../../replies';
import { context, escapeMrkdwn, header, section, truncate } from '../blocks';
import { departmentName } from './spot-check.view';

/**
 * `/oa scorecard`: the ranked table (one section per department, its score, band and each
 * indicator's points), and the recognition announcement drafted for the best.
 */

/** Sections per message stay well under Slack's 50 blocks. */
const MAX_LINES = 40;

function lineText(t: Translate, line: ScoreLine<DepartmentRecord>, name: string): string {
  if (line.score === null) return t('score.unranked', { department: escapeMrkdwn(name) });
  const head = t('score.line', {
    rank: line.rank ?? '–',
    department: escapeMrkdwn(name),
    score: line.score.toFixed(1),
    band: line.band ? t(`score.band.${line.band}`) : '',
  }).trimEnd();
  const parts = SCORECARD_INDICATORS.flatMap((key) => {
    const points = line.contributions[key];
    const ratio = line.ratios[key];
    if (points === null || !ratio) return [];
    return [
      `${t(`score.ind.${key}`)} ${points.toFixed(1)} (${Math.round(ratio.value * 100)}% of ${ratio.outOf})`,
    ];
  });
  return parts.length ? `${head}\n${t('score.contributions', { items: parts.join(' · ') })}` : head;
}

export function scorecardMessage(ctx: { t: Translate; locale: Locale }, card: Scorecard): Reply {
  const { t, locale } = ctx;
  const departments = card.lines.map((line) => line.department);
  const lines = card.lines
    .slice(0, MAX_LINES)
    .map((line) => lineText(t, line, departmentName(departments, line.department.id, locale)));
  const title = t('score.title', { period: card.period.label });
  const legend = t('score.legend', {
    excellent: card.config.thresholds.excellent,
    needs: card.config.thresholds.needsImprovement,
  });
  return {
    text: `${title}\n${lines.join('\n')}`.slice(0, 3000),
    blocks: [
      header(title),
      ...(card.whole ? [] : [context(t('score.heads'))]),
      ...lines.map((text) => section(text)),
      context(legend),
    ],
  };
}

/**
 * The recognition, as `/announce` would submit it (a work update, for review): to everyone in the
 * channel named (`recognise #channel`), or else to the recognised departments' members by DM.
 */
export function recognitionInput(
  t: Translate,
  card: Scorecard,
  best: ScoreLine<DepartmentRecord>[],
  locale: Locale,
  channels: ChannelFacts[],
): AnnouncementInput {
  const departments = best
    .map((line) => departmentName([line.department], line.department.id, locale))
    .join('、');
  const score = (best[0]?.score ?? 0).toFixed(1);
  return {
    title: truncate(t('score.recognise.title', { departments, period: card.period.label }), 150),
    body: truncate(t('score.recognise.body', { departments, period: card.period.label, score }), 3000),
    category: 'work_update',
    importance: 'normal',
    audience: channels.length ? 'everyone' : 'departments',
    departments: channels.length ? [] : best.map((line) => line.department.key),
    channels,
    requireAck: false,
    publishAt: null,
    expiresAt: null,
  };
}
