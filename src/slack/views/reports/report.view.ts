import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import { INDICATOR_KEYS, type IndicatorGroup } from '../../../domain/supervision/indicator-keys';
import type { Report } from '../../../domain/supervision/report.service';
import type { Translate } from '../../i18n';
import type { Reply } from '../../replies';
import { context, escapeMrkdwn, header, section } from '../blocks';
import { formatDateTime } from '../format';

export interface ReportProps {
  t: Translate;
  locale: Locale;
  timezone: string;
  report: Report;
}

/** ▲ +3, ▼ −2, or = against the period before. */
export function delta(current: number, previous: number): string {
  const difference = Math.round((current - previous) * 10) / 10;
  if (difference > 0) return `▲ +${difference}`;
  if (difference < 0) return `▼ −${-difference}`;
  return '=';
}

const hours = (value: number | null, t: Translate) =>
  value === null ? t('report.notAvailable') : value.toFixed(1);
const percent = (part: number, whole: number, t: Translate) =>
  whole === 0 ? t('report.notAvailable') : `${Math.round((part / whole) * 1000) / 10} %`;
const sum = (rows: ReadonlyArray<{ count: number }>) => rows.reduce((total, row) => total + row.count, 0);
/** The median of the requests decided, over the types: the largest type's, for one line. */
const mainTurnaround = (rows: Report['current']['workflow']['turnaround']) =>
  [...rows].sort((a, b) => b.decided - a.decided)[0];

/**
 * Under each group, the keys of its figures and the command that lists the records behind one
 * (`/oa report … detail <key>`): every figure can be traced to its records.
 */
export function keysLine(
  t: Translate,
  periodLabel: string,
  departmentKey: string | null,
  keys: readonly string[],
) {
  return context(
    t('report.keys', {
      period: periodLabel,
      department: departmentKey ? ` ${departmentKey}` : '',
      keys: keys.map((key) => `\`${key}\``).join(' '),
    }),
  );
}

/** Whom the report is about: the department's name in the reader's language, or the whole organisation. */
export function reportScope(t: Translate, locale: Locale, report: Pick<Report, 'department'>): string {
  return report.department
    ? escapeMrkdwn(
        locale === 'zh-TW' && report.department.nameZh ? report.department.nameZh : report.department.name,
      )
    : t('report.scope.all');
}

/** The report as one message: each indicator group, figures with their change from the period before. */
export function reportMessage({ t, locale, timezone, report }: ReportProps): Reply {
  const { current: c, previous: p } = report;
  const scope = report.department
    ? escapeMrkdwn(
        locale === 'zh-TW' && report.department.nameZh ? report.department.nameZh : report.department.name,
      )
    : t('report.scope.all');
  const when = (at: Date | null) =>
    at ? formatDateTime(new Date(at).toISOString(), locale, timezone) : t('report.never');
  const turnaround = mainTurnaround(c.workflow.turnaround);
  const requests = sum(c.workflow.requests);
  const laterVersions = c.files.laterVersions;
  const lines = (...items: string[]) => items.join('\n');
  const keys = (group: IndicatorGroup) =>
    keysLine(t, report.period.label, report.department?.key ?? null, INDICATOR_KEYS[group]);
  const blocks: KnownBlock[] = [
    header(t('report.title', { period: report.period.label, scope })),
    context(t('report.compared', { previous: report.period.previous.label })),
    section(
      lines(
        t('report.workflow'),
        t('report.requests', { value: requests, delta: delta(requests, sum(p.workflow.requests)) }),
        t('report.decided', {
          value: c.workflow.decided,
          delta: delta(c.workflow.decided, p.workflow.decided),
          rejected: c.workflow.rejected,
          returned: c.workflow.returned,
        }),
        t('report.turnaround', {
          median: hours(turnaround?.medianHours ?? null, t),
          p90: hours(turnaround?.p90Hours ?? null, t),
        }),
        t('report.sla', {
          value: percent(c.workflow.sla.onTime, c.workflow.sla.tasks, t),
          delta: delta(c.workflow.sla.onTime, p.workflow.sla.onTime),
        }),
        t('report.overdue', {
          now: c.workflow.overdueNow,
          period: c.workflow.overdueInPeriod,
          escalations: c.workflow.escalations,
          automatic: c.workflow.automaticDecisions,
        }),
      ),
    ),
    keys('workflow'),
    section(
      lines(
        t('report.publishing'),
        t('report.published', {
          value: c.publishing.published,
          delta: delta(c.publishing.published, p.publishing.published),
          late: c.publishing.publishedLate,
          corrections: c.publishing.corrections,
          withdrawals: c.publishing.withdrawals,
        }),
        t('report.toPublication', {
          median: hours(c.publishing.toPublication.medianHours, t),
          p90: hours(c.publishing.toPublication.p90Hours, t),
        }),
        t('report.acks', {
          value: percent(
            c.publishing.acknowledgements.acknowledgedInTime,
            c.publishing.acknowledgements.audience,
            t,
          ),
          acked: c.publishing.acknowledgements.acknowledgedInTime,
          audience: c.publishing.acknowledgements.audience,
          chases: c.publishing.chases,
        }),
      ),
    ),
    keys('publishing'),
    section(
      lines(
        t('report.files'),
        t('report.filesCreated', {
          value: c.files.created,
          delta: delta(c.files.created, p.files.created),
          downloads: c.files.downloads,
        }),
        t('report.metadata', {
          value: percent(c.files.completeMetadata.complete, c.files.completeMetadata.files, t),
          notes: percent(laterVersions.withChangeNote, laterVersions.versions, t),
        }),
        t('report.confidential', { value: c.files.confidentialOutsideScope }),
      ),
    ),
    keys('files'),
    section(
      lines(
        t('report.safe'),
        t('report.backups', {
          ok: c.safeOperation.backups.succeeded,
          failed: c.safeOperation.backups.failed,
          last: when(c.safeOperation.backups.lastSuccessAt),
        }),
        t('report.drills', {
          ok: c.safeOperation.drills.succeeded,
          failed: c.safeOperation.drills.failed,
          last: when(c.safeOperation.drills.lastSuccessAt),
        }),
        t('report.suspensions', { now: c.safeOperation.suspendedNow, period: c.safeOperation.suspensions }),
        t('report.refused', {
          value: c.safeOperation.refusedInteractions,
          delta: delta(c.safeOperation.refusedInteractions, p.safeOperation.refusedInteractions),
        }),
      ),
    ),
    keys('safeOperation'),
    section(
      lines(
        t('report.usage'),
        t('report.active', {
          value: c.usage.activePeople,
          delta: delta(c.usage.activePeople, p.usage.activePeople),
        }),
      ),
    ),
    keys('usage'),
  ];
  return { text: t('report.title', { period: report.period.label, scope }), blocks };
}
