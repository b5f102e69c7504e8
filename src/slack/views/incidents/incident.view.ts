import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type {
  BroadcastOutcome,
  IncidentEvent,
  IncidentRecord,
  IncidentReport,
} from '../../../domain/incidents/model';
import type { Translate } from '../../i18n';
import { context, divider, escapeMrkdwn, header, section, truncate } from '../blocks';
import { formatDateTime } from '../format';

/**
 * What incidents show in Slack: the notices to admins (and leaders), an emergency broadcast, the
 * post-incident report and the list of open incidents. Pure; every text in the reader's language.
 * A drill says so at the start of every message (DRILL / 演練).
 */

interface Reader {
  t: Translate;
  locale: Locale;
  timezone: string;
}

/** Most lines of a report's timeline shown (a message holds 50 blocks; these go in a few sections). */
const REPORT_LINES = 40;

const drillTag = (t: Translate, incident: IncidentRecord) => (incident.drill ? t('incident.drillTag') : '');
const who = (slackId: string) => `<@${slackId}>`;
const channelList = (channels: readonly string[]) => channels.map((channel) => `<#${channel}>`).join(', ');

export const severityText = (t: Translate, incident: Pick<IncidentRecord, 'severity'>) =>
  t(`incident.severity.${incident.severity}`);

export function durationText(t: Translate, from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  return t('incident.duration', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** A DM to an admin or leader about one step of an incident. */
export function incidentNotice(
  { t }: Reader,
  incident: IncidentRecord,
  event: IncidentEvent,
): { text: string } {
  const vars = {
    drill: drillTag(t, incident),
    id: incident.id,
    severity: severityText(t, incident),
    who: who(event.actor),
    text: truncate(escapeMrkdwn(event.text), 2500),
  };
  switch (event.kind) {
    case 'started':
      return { text: t('incident.notice.started', vars) };
    case 'resolved':
      return {
        text: t('incident.notice.resolved', {
          ...vars,
          duration: durationText(t, incident.startedAt, event.at),
        }),
      };
    default:
      return { text: t('incident.notice.update', vars) };
  }
}

/**
 * An emergency broadcast as posted to a channel: marked as such in its header and its footer
 * (it skipped the review chain), and as a drill when it is one. `preview`: a drill's copy in the
 * broadcaster's DM, saying where it would have gone.
 */
export function broadcastMessage(
  { t }: Reader,
  incident: IncidentRecord,
  event: IncidentEvent,
  preview: boolean,
): { text: string; blocks: KnownBlock[] } {
  const title = t(incident.drill ? 'incident.broadcast.drillHeader' : 'incident.broadcast.header');
  const body = truncate(escapeMrkdwn(event.text), 2900);
  const footer = t('incident.broadcast.footer', { who: who(event.actor), id: incident.id });
  const blocks: KnownBlock[] = [
    ...(preview
      ? [context(t('incident.broadcast.preview', { channels: channelList(event.channels ?? []) }))]
      : []),
    header(title),
    section(body),
    context(footer),
  ];
  return { text: truncate(`${title}: ${event.text}`, 3000), blocks };
}

const sendStatus = (t: Translate, outcome: BroadcastOutcome) =>
  t(`incident.send.${outcome.status}`, { error: outcome.error ?? '' });

/** The post-incident report: facts, what happened, the timeline, and what each broadcast did. */
export function incidentReportMessage(
  reader: Reader,
  report: IncidentReport,
): { text: string; blocks: KnownBlock[] } {
  const { t, locale, timezone } = reader;
  const { incident, events, broadcasts } = report;
  const at = (date: Date) => formatDateTime(date.toISOString(), locale, timezone);
  const resolvedAt = incident.resolvedAt ?? events.at(-1)?.at ?? incident.startedAt;
  const title = t('incident.report.title', { drill: drillTag(t, incident), id: incident.id });
  const lines = events.slice(0, REPORT_LINES).map((event) =>
    t(`incident.report.event.${event.kind}`, {
      at: at(event.at),
      who: who(event.actor),
      text: truncate(escapeMrkdwn(event.text), 300),
      channels: channelList(event.channels ?? []),
    }),
  );
  if (events.length > REPORT_LINES)
    lines.push(t('incident.report.more', { count: events.length - REPORT_LINES }));
  const sent = broadcasts.map((outcome) =>
    t('incident.report.broadcastLine', { channel: `<#${outcome.channel}>`, status: sendStatus(t, outcome) }),
  );
  const blocks: KnownBlock[] = [
    header(title),
    section(
      t('incident.report.facts', {
        severity: severityText(t, incident),
        started: at(incident.startedAt),
        who: who(incident.startedBy),
        resolved: at(resolvedAt),
        resolver: incident.resolvedBy ? who(incident.resolvedBy) : '—',
        duration: durationText(t, incident.startedAt, resolvedAt),
      }),
    ),
    section(t('incident.report.summary', { text: truncate(escapeMrkdwn(incident.summary), 2500) })),
    section(
      t('incident.report.resolution', { text: truncate(escapeMrkdwn(incident.resolution ?? '—'), 2500) }),
    ),
    divider(),
    section(t('incident.report.timeline')),
    // A section holds 3000 characters: the lines go in as many sections as they need.
    ...chunkLines(lines, 2900).map((chunk) => section(chunk)),
    divider(),
    section(t('incident.report.broadcasts')),
    ...(sent.length
      ? chunkLines(sent, 2900).map((chunk) => section(chunk))
      : [context(t('incident.report.noBroadcasts'))]),
  ];
  return { text: title, blocks: blocks.slice(0, 50) };
}

function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > max && current) {
      chunks.push(current);
      current = truncate(line, max);
    } else current = truncate(next, max);
  }
  if (current) chunks.push(current);
  return chunks;
}

/** `/oa incident list`: the open incidents, oldest first. */
export function incidentList(reader: Reader, incidents: readonly IncidentRecord[]): { text: string } {
  const { t, locale, timezone } = reader;
  if (incidents.length === 0) return { text: t('incident.list.none') };
  const lines = incidents.map((incident) =>
    t('incident.list.line', {
      drill: drillTag(t, incident),
      id: incident.id,
      severity: severityText(t, incident),
      since: formatDateTime(incident.startedAt.toISOString(), locale, timezone),
      who: who(incident.startedBy),
      summary: truncate(escapeMrkdwn(incident.summary), 200),
    }),
  );
  return { text: truncate([t('incident.list.title'), ...lines].join('\n'), 3000) };
}
