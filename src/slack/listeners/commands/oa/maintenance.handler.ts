import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';
import { escapeMrkdwn } from '../../../views/blocks';
import { formatDateTime } from '../../../views/format';
import type { OaCommand } from './oa-text';

export type MaintenanceOaCommand = Extract<OaCommand, { kind: 'maintenance' }>;

/**
 * `/oa maintenance on|off` and its status (admins; the domain checks in its transaction). Turning
 * it on or off asks for everyone's App Home to be rebuilt, so the banner appears and goes.
 */
export async function answerMaintenance(
  { maintenance: command }: MaintenanceOaCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: Pick<SlackDeps, 'maintenance' | 'maintenanceLog' | 'org' | 'refreshHome' | 'logger'>,
): Promise<Reply> {
  const { t, locale } = ctx;
  const { timeZone } = deps.maintenance;
  const at = (date: Date) => formatDateTime(date.toISOString(), locale, timeZone);
  switch (command.action) {
    case 'usage':
      return plain(t('usage.maintenance'));
    case 'bad_until':
      return plain(
        `${t('maintenance.error.badUntil', { value: escapeMrkdwn(command.value.slice(0, 40)) })}\n${t('usage.maintenance')}`,
      );
    case 'no_reason':
      return plain(t('maintenance.error.noReason', { until: '2h' }));
    case 'status': {
      await deps.org.requireActivePerson(actorSlackId);
      const state = await deps.maintenance.current();
      if (!state) return plain(t('maintenance.statusOff'));
      return plain(
        t('maintenance.statusOn', {
          until: at(state.until),
          timezone: timeZone,
          who: `<@${state.setBy}>`,
          reason: escapeMrkdwn(state.reason),
        }),
      );
    }
    case 'on': {
      const state = await deps.maintenance.turnOn(actorSlackId, command);
      await deps.maintenanceLog?.record({
        kind: 'maintenance_mode_on',
        summary: `maintenance mode on until ${state.until.toISOString()} (by ${actorSlackId}): ${state.reason.slice(0, 200)}`,
        details: { until: state.until.toISOString(), reason: state.reason, by: actorSlackId },
      });
      await refreshEveryHome(deps);
      return plain(
        t('maintenance.onDone', {
          until: at(state.until),
          timezone: timeZone,
          reason: escapeMrkdwn(state.reason),
        }),
      );
    }
    case 'off': {
      const ended = await deps.maintenance.turnOff(actorSlackId);
      if (ended)
        await deps.maintenanceLog?.record({
          kind: 'maintenance_mode_off',
          summary: `maintenance mode off (by ${actorSlackId})`,
          details: { by: actorSlackId },
        });
      await refreshEveryHome(deps);
      return plain(t(ended ? 'maintenance.offDone' : 'maintenance.notOn'));
    }
  }
}

/** Best effort: the change is committed; a Home not refreshed now shows the banner's state on its next visit. */
async function refreshEveryHome(deps: Pick<SlackDeps, 'org' | 'refreshHome' | 'logger'>): Promise<void> {
  try {
    const roster = await deps.org.directoryRoster();
    for (const person of roster) if (person.status === 'active') await deps.refreshHome(person.slackUserId);
  } catch (error) {
    deps.logger.warn({ err: error }, 'App Homes not refreshed after a maintenance change');
  }
}
