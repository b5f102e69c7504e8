import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { categoryFromText } from '../../../announcements/category-filter';
import { openEditComposer } from '../../../announcements/edit-composer';
import type { SlackDeps } from '../../../deps';
import { refuseIfMaintenance } from '../../../maintenance-guard';
import { openModal } from '../../../modals';
import type { UserContext } from '../../../user-context';
import { composerView } from '../../../views/announcements/composer.view';
import { announcementList } from '../../../views/announcements/list.view';

/**
 * The `/announce` subcommands, one domain call each: the composer (no text), `list [category]`,
 * `edit <reference>`, `retract <reference>`. A text answer is returned; a list or a modal is the
 * answer itself (undefined). Refusals are thrown as AnnouncementError for the caller to word.
 */
export interface AnnounceIo {
  client: WebClient;
  triggerId: string;
  respond: RespondFn;
}

const REFERENCE = /^ANN-\d{4}-\d{4,}$/i;

export async function runAnnounceCommand(
  deps: Pick<SlackDeps, 'announcements' | 'org' | 'maintenance'>,
  text: string,
  slackUserId: string,
  ctx: UserContext,
  io: AnnounceIo,
): Promise<string | undefined> {
  const [sub = '', ...rest] = text.trim().split(/\s+/);
  const arg = rest.join(' ').trim();
  switch (sub.toLowerCase()) {
    case '': {
      await deps.announcements.checkMayDraft(slackUserId);
      await refuseIfMaintenance(deps);
      const departments = await deps.org.departmentChoices();
      await openModal(io.client, io.triggerId, composerView({ t: ctx.t, locale: ctx.locale, departments }));
      return undefined;
    }
    case 'list': {
      const category = categoryFromText(arg);
      if (arg && !category) return ctx.t('ann.usage');
      const items = await deps.announcements.listAnnouncements(slackUserId, {
        ...(category ? { category } : {}),
        limit: 20,
      });
      await io.respond({ response_type: 'ephemeral', ...announcementList({ ...ctx, items, category }) });
      return undefined;
    }
    case 'edit':
      if (!REFERENCE.test(arg)) return ctx.t('ann.usage');
      await openEditComposer(deps, io.client, io.triggerId, ctx, slackUserId, arg.toUpperCase());
      return undefined;
    case 'retract': {
      if (!REFERENCE.test(arg)) return ctx.t('ann.usage');
      const { view } = await deps.announcements.getAnnouncement(slackUserId, arg.toUpperCase());
      await deps.announcements.retractAnnouncement(slackUserId, view.id);
      return ctx.t('ann.reply.retracted', { reference: view.reference });
    }
    default:
      return ctx.t('ann.usage');
  }
}
