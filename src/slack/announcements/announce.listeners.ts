import type { App, BlockButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  AnnouncementError,
  type AnnouncementSubmitResult,
  checkMayDraft,
  getAnnouncement,
  listAnnouncements,
  retractAnnouncement,
  reviseAnnouncement,
  submitAnnouncement,
} from '../../domain/announcements';
import { departmentChoices } from '../../domain/org/directory.service';
import type { SlackDeps } from '../deps';
import type { Translate } from '../i18n';
import { contextOf, runAndReport } from '../interaction';
import { openModal } from '../modals';
import { buttonId, decodeSlackText, parseJson } from '../payloads';
import { replyForError } from '../replies';
import type { UserContext } from '../user-context';
import { ANNOUNCEMENT_ACTIONS } from '../views/announcements/announcement-message.view';
import {
  COMPOSER_BLOCKS,
  COMPOSER_CALLBACK,
  composerMetadataSchema,
  composerView,
} from '../views/announcements/composer.view';
import { announcementList } from '../views/announcements/list.view';
import { categoryFromText } from './category-filter';
import { channelFacts, composerErrors, readComposer } from './composer-input';

/**
 * `/announce` (composer, list, edit, retract), the Edit and Withdraw buttons, the composer's
 * submission, and the preview's Acknowledge button. Every action is checked again by the domain.
 */

export function refusalText(t: Translate, error: AnnouncementError): string {
  const status = error.details.status;
  return t(`ann.refusal.${error.code}`, {
    ...error.details,
    ...(status ? { status: t(`ann.status.${String(status) as 'published'}`) } : {}),
  });
}

/** Announcement refusals become the reply; anything else goes to runAndReport's handling. */
async function answering(t: Translate, work: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AnnouncementError) return refusalText(t, error);
    throw error;
  }
}

/** Opens the composer pre-filled to correct (or resubmit) an announcement its author or an admin manages. */
export async function openEditComposer(
  client: WebClient,
  triggerId: string,
  ctx: UserContext,
  slackUserId: string,
  referenceOrId: string | number,
): Promise<void> {
  const { view, manageable } = await getAnnouncement(slackUserId, referenceOrId);
  if (!manageable) throw new AnnouncementError('not_author');
  if (view.status === 'retracted' || view.status === 'expired')
    throw new AnnouncementError('invalid_state', { status: view.status });
  await openModal(
    client,
    triggerId,
    composerView({
      t: ctx.t,
      locale: ctx.locale,
      departments: await departmentChoices(),
      edit: {
        announcementId: view.id,
        content: view.content,
        fixedTargets: view.status === 'published',
        reference: view.reference,
      },
    }),
  );
}

const REFERENCE = /^ANN-\d{4}-\d{4,}$/i;

export function registerAnnounceListeners(app: App, deps: SlackDeps): void {
  app.command('/announce', async ({ ack, command, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, command.user_id);
    const [sub = '', ...rest] = decodeSlackText(command.text).trim().split(/\s+/);
    const arg = rest.join(' ').trim();
    await runAndReport(deps, ctx, respond, () =>
      answering(ctx.t, async () => {
        switch (sub.toLowerCase()) {
          case '': {
            await checkMayDraft(command.user_id);
            await openModal(
              client,
              command.trigger_id,
              composerView({ t: ctx.t, locale: ctx.locale, departments: await departmentChoices() }),
            );
            return undefined;
          }
          case 'list': {
            const category = categoryFromText(arg);
            if (arg && !category) return ctx.t('ann.usage');
            const items = await listAnnouncements(command.user_id, {
              ...(category ? { category } : {}),
              limit: 20,
            });
            const reply = announcementList({ ...ctx, items, category });
            await respond({ response_type: 'ephemeral', ...reply });
            return undefined;
          }
          case 'edit':
            if (!REFERENCE.test(arg)) return ctx.t('ann.usage');
            await openEditComposer(client, command.trigger_id, ctx, command.user_id, arg.toUpperCase());
            return undefined;
          case 'retract': {
            if (!REFERENCE.test(arg)) return ctx.t('ann.usage');
            const { view } = await getAnnouncement(command.user_id, arg.toUpperCase());
            await retractAnnouncement(command.user_id, view.id);
            return ctx.t('ann.reply.retracted', { reference: view.reference });
          }
          default:
            return ctx.t('ann.usage');
        }
      }),
    );
  });

  app.action<BlockButtonAction>(ANNOUNCEMENT_ACTIONS.edit, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const id = buttonId(action);
    if (id === undefined) return;
    await runAndReport(deps, ctx, respond, () =>
      answering(ctx.t, async () => {
        await openEditComposer(client, body.trigger_id, ctx, body.user.id, id);
        return undefined;
      }),
    );
  });

  app.action<BlockButtonAction>(ANNOUNCEMENT_ACTIONS.retract, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const id = buttonId(action);
    if (id === undefined) return;
    await runAndReport(deps, ctx, respond, () =>
      answering(ctx.t, async () => {
        const retracted = await retractAnnouncement(body.user.id, id);
        return ctx.t('ann.reply.retracted', { reference: retracted.reference });
      }),
    );
  });

  app.action<BlockButtonAction>(ANNOUNCEMENT_ACTIONS.ackPreview, async ({ ack, body, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runAndReport(deps, ctx, respond, async () => ctx.t('ann.refusal.preview'));
  });

  app.view(COMPOSER_CALLBACK, async ({ ack, body, view, client }) => {
    const metadata = parseJson(composerMetadataSchema, view.private_metadata);
    if (!metadata) {
      await ack();
      return;
    }
    const ctx = await contextOf(deps, body.user.id);
    let result: AnnouncementSubmitResult;
    try {
      const { channelIds, ...input } = readComposer(view.state.values);
      const channels = await channelFacts(client, channelIds);
      result =
        metadata.mode === 'new'
          ? await submitAnnouncement(body.user.id, { ...input, channels }, { idempotencyKey: metadata.key })
          : await reviseAnnouncement(body.user.id, metadata.announcementId, { ...input, channels });
    } catch (error) {
      const text =
        error instanceof AnnouncementError
          ? refusalText(ctx.t, error)
          : (await replyForError(error, ctx, deps.logger)).text;
      await ack({ response_action: 'errors', errors: { [COMPOSER_BLOCKS.title]: text.slice(0, 2000) } });
      return;
    }
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: composerErrors(ctx.t, result.errors) });
      return;
    }
    await ack();
    deps.outbox.kick();
  });
}
