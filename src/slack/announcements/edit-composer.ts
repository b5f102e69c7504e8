import type { WebClient } from '@slack/web-api';
import { AnnouncementError } from '../../domain/announcements';
import type { SlackDeps } from '../deps';
import { openModal } from '../modals';
import type { UserContext } from '../user-context';
import { composerView } from '../views/announcements/composer.view';

/**
 * Opens the composer pre-filled to correct (or resubmit) an announcement its author or an admin
 * manages: `/announce edit`, the Edit button, and Resubmit on a returned announcement review.
 */
export async function openEditComposer(
  deps: Pick<SlackDeps, 'announcements' | 'org'>,
  client: WebClient,
  triggerId: string,
  ctx: UserContext,
  slackUserId: string,
  referenceOrId: string | number,
): Promise<void> {
  const { view, manageable } = await deps.announcements.getAnnouncement(slackUserId, referenceOrId);
  if (!manageable) throw new AnnouncementError('not_author');
  if (view.status === 'retracted' || view.status === 'expired')
    throw new AnnouncementError('invalid_state', { status: view.status });
  await openModal(
    client,
    triggerId,
    composerView({
      t: ctx.t,
      locale: ctx.locale,
      departments: await deps.org.departmentChoices(),
      edit: {
        announcementId: view.id,
        content: view.content,
        fixedTargets: view.status === 'published',
        reference: view.reference,
      },
    }),
  );
}
