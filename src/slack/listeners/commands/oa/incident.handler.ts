import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';
import { escapeMrkdwn } from '../../../views/blocks';
import { durationText, incidentList, severityText } from '../../../views/incidents/incident.view';
import type { OaCommand } from './oa-text';

export type IncidentOaCommand = Extract<OaCommand, { kind: 'incident' }>;

const channelList = (channels: readonly string[]) => channels.map((channel) => `<#${channel}>`).join(', ');

/**
 * `/oa incident …` (admins, checked by the domain in each change's transaction): one domain call
 * each; the notices and broadcasts it queued are sent by the fan-out sender, kicked here.
 */
export async function answerIncident(
  { incident: command }: IncidentOaCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: Pick<SlackDeps, 'incidents' | 'fanout' | 'maintenanceLog'>,
): Promise<Reply> {
  const { t } = ctx;
  const sent = <T>(value: T): T => {
    deps.fanout?.kick();
    return value;
  };
  switch (command.action) {
    case 'usage':
      return plain(t('usage.incident'));
    case 'bad_severity':
      return plain(
        `${t('incident.error.badSeverity', { value: escapeMrkdwn(command.value.slice(0, 40)) })}\n${t('usage.incident')}`,
      );
    case 'list':
      return plain(incidentList(ctx, await deps.incidents.listOpen(actorSlackId)).text);
    case 'start': {
      const incident = sent(await deps.incidents.start(actorSlackId, command));
      await deps.maintenanceLog?.record({
        kind: 'incident_started',
        summary: `${incident.drill ? 'DRILL ' : ''}incident #${incident.id} (${incident.severity}) started by ${actorSlackId}`,
        details: { id: incident.id, severity: incident.severity, drill: incident.drill, by: actorSlackId },
      });
      return plain(
        t('incident.started', {
          drill: incident.drill ? t('incident.drillTag') : '',
          id: incident.id,
          severity: severityText(t, incident),
          told: t(
            incident.severity === 'sev1'
              ? 'incident.told.adminsAndLeaders'
              : incident.severity === 'sev2'
                ? 'incident.told.adminsAndSupervisors'
                : 'incident.told.admins',
          ),
        }),
      );
    }
    case 'update':
      sent(await deps.incidents.update(actorSlackId, command.id, command.text));
      return plain(t('incident.updated', { id: command.id }));
    case 'resolve': {
      const incident = sent(await deps.incidents.resolve(actorSlackId, command.id, command.summary));
      await deps.maintenanceLog?.record({
        kind: 'incident_resolved',
        summary: `${incident.drill ? 'DRILL ' : ''}incident #${incident.id} resolved by ${actorSlackId}`,
        details: { id: incident.id, drill: incident.drill, by: actorSlackId },
      });
      return plain(
        t('incident.resolvedReply', {
          id: incident.id,
          duration: durationText(t, incident.startedAt, incident.resolvedAt ?? new Date()),
          starter: `<@${incident.startedBy}>`,
        }),
      );
    }
    case 'broadcast': {
      const { preview } = sent(await deps.incidents.broadcast(actorSlackId, command.id, command));
      const vars = { id: command.id, channels: channelList(command.channels) };
      return plain(t(preview ? 'incident.broadcastPreviewReply' : 'incident.broadcasting', vars));
    }
  }
}
