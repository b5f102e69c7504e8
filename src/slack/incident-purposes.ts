import type { WebClient } from '@slack/web-api';
import type { Locale } from '../config';
import type { FanoutItem } from '../db/repositories/fanout.repository';
import type { FanoutPurpose } from '../delivery/fanout-sender';
import type { IncidentService } from '../domain/incidents/incident.service';
import { INCIDENT_PURPOSES } from '../domain/incidents/model';
import type { Directory } from '../domain/org/directory.service';
import { translator } from './i18n';
import type { UserContextResolver } from './user-context';
import { broadcastMessage, incidentNotice, incidentReportMessage } from './views/incidents/incident.view';

/**
 * The fan-out purposes of incidents: the notices to admins and leaders, the emergency broadcasts
 * and the post-incident report. Each renders when its turn comes, from the incident's stored
 * timeline: a DM in its reader's language and time zone; a channel post in the broadcaster's
 * language and the organisation's time zone (as an announcement's copy speaks its author's).
 */
export function incidentPurposes(deps: {
  incidents: Pick<IncidentService, 'findIncident' | 'findEvent' | 'report'>;
  users: UserContextResolver;
  directory: Pick<Directory, 'findPerson'>;
  /** conversations.join when the bot is not in a public channel it broadcasts to. */
  client: WebClient;
  locale: Locale;
  timezone: string;
}): Record<string, FanoutPurpose> {
  const subjectOf = (item: FanoutItem) => item.subject as { incidentId: number; eventId: number };
  const readerOf = async (slackId: string) =>
    deps.users.resolve(slackId, await deps.directory.findPerson(slackId).catch(() => null));
  const load = async (item: FanoutItem) => {
    const { incidentId, eventId } = subjectOf(item);
    const [incident, event] = await Promise.all([
      deps.incidents.findIncident(incidentId),
      deps.incidents.findEvent(eventId),
    ]);
    return incident && event ? { incident, event } : null;
  };

  const notice: FanoutPurpose = {
    async render(item) {
      const loaded = await load(item);
      return loaded ? incidentNotice(await readerOf(item.channel), loaded.incident, loaded.event) : null;
    },
  };

  const broadcast: FanoutPurpose = {
    async render(item) {
      const loaded = await load(item);
      if (!loaded) return null;
      const { incident, event } = loaded;
      // A drill's preview goes to the broadcaster's DM, a broadcast to its channels.
      const preview = item.channel === event.actor;
      const author = await readerOf(event.actor);
      const reader = preview
        ? author
        : { t: author.t ?? translator(deps.locale), locale: author.locale, timezone: deps.timezone };
      return broadcastMessage(reader, incident, event, preview);
    },
    async onPermanentError(item, error) {
      // The bot may join a public channel by itself; a private one needs an invitation.
      if (error !== 'not_in_channel' || !item.channel.startsWith('C')) return 'fail';
      const joined = await deps.client.conversations.join({ channel: item.channel }).catch(() => undefined);
      return joined?.ok ? 'retry' : 'fail';
    },
  };

  const report: FanoutPurpose = {
    async render(item) {
      const { incidentId } = subjectOf(item);
      return incidentReportMessage(await readerOf(item.channel), await deps.incidents.report(incidentId));
    },
  };

  return {
    [INCIDENT_PURPOSES.notice]: notice,
    [INCIDENT_PURPOSES.broadcast]: broadcast,
    [INCIDENT_PURPOSES.report]: report,
  };
}
