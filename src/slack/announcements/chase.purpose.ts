import { hasAcked } from '../../db/repositories/acknowledgements.repository';
import type { FanoutItem } from '../../db/repositories/fanout.repository';
import type { FanoutPurpose } from '../../delivery/fanout-sender';
import type { AnnouncementService } from '../../domain/announcements';
import type { ChaseSubject } from '../../domain/announcements/fanout-items';
import type { Directory } from '../../domain/org/directory.service';
import type { UserContextResolver } from '../user-context';
import { chaseMessage } from '../views/announcements/announcement-message.view';

/**
 * A chase DM: a line asking the person to acknowledge, then the announcement itself with its
 * Acknowledge button, in their language. Rendered when its turn comes: skipped if they have
 * acknowledged meanwhile, the item is no longer published, or they are not in its audience.
 */
export function chasePurpose(
  announcements: AnnouncementService,
  directory: Pick<Directory, 'findPerson'>,
  users: UserContextResolver,
  kick: () => void,
): FanoutPurpose {
  return {
    async render(item: FanoutItem) {
      const subject = item.subject as unknown as ChaseSubject;
      const { announcementId } = subject;
      // A post goes to the person; an update (after a correction) to the DM it was posted in.
      const chased = subject.person ?? item.channel;
      const view = await announcements.readAnnouncementView(announcementId);
      if (view.status !== 'published' || !view.content.requireAck) return null;
      const person = await directory.findPerson(chased).catch(() => null);
      // A restricted item reaches only its audience, whoever asked for the chase.
      if (
        view.content.audience === 'departments' &&
        !(person && (await announcements.isReader(person, announcementId)))
      )
        return null;
      // Acknowledged meanwhile: no chase. A chase already sent still shows the corrected text.
      if (item.method === 'post' && (await hasAcked(announcementId, chased))) return null;
      const ctx = await users.resolve(chased, person);
      return chaseMessage(ctx, view);
    },
    // Sent while a correction or a withdrawal was being committed: brought in line like a copy.
    settled: (item: FanoutItem) => announcements.recordSettledChase(item).then(kick),
  };
}
