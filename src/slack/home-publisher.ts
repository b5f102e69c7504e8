import type { WebClient } from '@slack/web-api';
import { HomeUnpublishableError } from '../jobs/home-refresh';
import type { SlackDeps } from './deps';
import { adminMaintenanceSection } from './maintenance-home';
import { reportsHomeBlocks } from './reports-home';
import { APP_WIDE_ERRORS, classifySlackError } from './slack-errors';
import { findingsHomeBlocks } from './supervision-home';
import { announcementHomeSection, HOME_ANNOUNCEMENTS } from './views/announcements/list.view';
import { recentFilesHomeSection } from './views/files/recent-files.view';
import { homeView } from './views/home.view';
import { maintenanceBannerOf } from './views/incidents/maintenance-banner.view';
import { HOME_REQUESTS, HOME_TASKS, workflowHomeSections } from './views/workflows/home-sections.view';

/** What a Home is read with. */
export type HomeDeps = Pick<SlackDeps, 'users' | 'workflows' | 'announcements' | 'org' | 'files'> &
  Partial<Pick<SlackDeps, 'maintenance' | 'maintenanceLog' | 'spotChecks' | 'reports' | 'logger'>>;

/** Renders and publishes one person's App Home. Used on app_home_opened and by the refresh job. */
export async function publishHome(client: WebClient, deps: HomeDeps, slackUserId: string): Promise<void> {
  const profile = await deps.org.profileOf(slackUserId);
  const ctx = await deps.users.resolve(slackUserId, profile);
  if (!profile || profile.status === 'suspended') {
    const view = profile
      ? homeView({ kind: 'suspended', t: ctx.t, profile })
      : homeView({ kind: 'unregistered', t: ctx.t });
    await client.views.publish({ user_id: slackUserId, view });
    return;
  }
  const [pending, mine, templates, announcements, recentFiles] = await Promise.all([
    deps.workflows.listPendingTasks(slackUserId, { limit: HOME_TASKS }),
    deps.workflows.listMyRequests(slackUserId, { limit: HOME_REQUESTS }),
    deps.workflows.listTemplates(),
    deps.announcements.listAnnouncements(slackUserId, { limit: HOME_ANNOUNCEMENTS }),
    recentFilesHomeSection(deps.files, { ...ctx, personId: profile.id }),
  ]);
  const sections = workflowHomeSections({
    ...ctx,
    pending,
    mine,
    templates,
    canStart: !profile.roles.includes('guest'),
  });
  const view = homeView({
    kind: 'active',
    t: ctx.t,
    locale: ctx.locale,
    timezone: ctx.timezone,
    profile,
    sections: [
      ...(await maintenanceBannerOf(ctx, deps.maintenance)),
      ...sections,
      ...announcementHomeSection({ ...ctx, items: announcements }),
      ...recentFiles,
      ...(await findingsHomeBlocks(deps, slackUserId, ctx)),
      ...(await adminMaintenanceSection(deps, profile.roles, ctx)),
      ...(await reportsHomeBlocks(
        { reports: deps.reports, logger: deps.logger ?? console },
        slackUserId,
        ctx,
      )),
    ],
  });
  await client.views.publish({ user_id: slackUserId, view });
}

/**
 * publishHome for the refresh job: Slack's permanent refusals become HomeUnpublishableError, so
 * the job is not retried (and, for a refusal of the app itself, refreshes pause).
 */
export async function publishHomeForRefresh(
  client: WebClient,
  deps: HomeDeps,
  slackUserId: string,
): Promise<void> {
  try {
    await publishHome(client, deps, slackUserId);
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'permanent')
      throw new HomeUnpublishableError(failure.error, APP_WIDE_ERRORS.has(failure.error));
    throw error;
  }
}
