import { randomUUID } from 'node:crypto';
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Locale } from '../../../config';
import { type AnnouncementContent, CATEGORIES, MAX_BODY, MAX_TITLE } from '../../../domain/announcements';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn, section } from '../blocks';
import { localized } from '../format';

/**
 * The announcement composer: a modal with the content, the targets and the times. Editing opens it
 * pre-filled; a correction of a published item shows its targets read-only (they do not change).
 */
export const COMPOSER_CALLBACK = 'announce_composer';
export const COMPOSER_BLOCKS = {
  title: 'ann_title',
  body: 'ann_body',
  category: 'ann_category',
  channels: 'ann_channels',
  importance: 'ann_importance',
  audience: 'ann_audience',
  departments: 'ann_departments',
  publish_at: 'ann_publish_at',
  expires_at: 'ann_expires_at',
  options: 'ann_options',
} as const;
export const COMPOSER_ACTION = 'value';
export const REQUIRE_ACK_OPTION = 'require_ack';

export const composerMetadataSchema = z.union([
  z.object({ mode: z.literal('new'), key: z.string().uuid() }),
  z.object({
    mode: z.literal('edit'),
    announcementId: z.number().int().positive(),
    fixedTargets: z.boolean(),
  }),
]);
export type ComposerMetadata = z.infer<typeof composerMetadataSchema>;

export interface ComposerProps {
  t: Translate;
  locale: Locale;
  departments: { key: string; name: { en: string; zh: string } }[];
  /** Editing: the content to start from, and whether targets are fixed (a published item). */
  edit?: { announcementId: number; content: AnnouncementContent; fixedTargets: boolean; reference: string };
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: text.slice(0, 150) });
const seconds = (iso: string | null) => (iso ? Math.floor(new Date(iso).getTime() / 1000) : undefined);

export function composerView(props: ComposerProps): ModalView {
  const { t, locale, edit } = props;
  const content = edit?.content;
  const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });
  const categories = CATEGORIES.map((c) => option(c, t(`ann.category.${c}`)));
  const importances = (['normal', 'important'] as const).map((i) => option(i, t(`ann.importance.${i}`)));
  const audiences = (['everyone', 'departments'] as const).map((a) => option(a, t(`ann.audience.${a}`)));
  const departments = props.departments.slice(0, 100).map((d) => option(d.key, localized(d.name, locale)));
  const ack = option(REQUIRE_ACK_OPTION, t('ann.option.requireAck'));
  const input = (
    blockId: string,
    label: string,
    element: InputBlock['element'],
    extra: { optional?: boolean; hint?: string } = {},
  ): InputBlock => ({
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element,
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: plain(extra.hint) } : {}),
  });
  const pick = <T extends { value?: string }>(options: T[], value: string | undefined) =>
    options.find((o) => o.value === value);

  const blocks: KnownBlock[] = [context(t('ann.composer.intro'))];
  blocks.push(
    input(COMPOSER_BLOCKS.title, t('ann.field.title'), {
      type: 'plain_text_input',
      action_id: COMPOSER_ACTION,
      max_length: MAX_TITLE,
      ...(content ? { initial_value: content.title } : {}),
    }),
    input(
      COMPOSER_BLOCKS.body,
      t('ann.field.body'),
      {
        type: 'plain_text_input',
        action_id: COMPOSER_ACTION,
        multiline: true,
        max_length: MAX_BODY,
        ...(content ? { initial_value: content.body } : {}),
      },
      { hint: t('ann.field.body.hint') },
    ),
    input(COMPOSER_BLOCKS.category, t('ann.field.category'), {
      type: 'static_select',
      action_id: COMPOSER_ACTION,
      options: categories,
      ...(pick(categories, content?.category)
        ? { initial_option: pick(categories, content?.category)! }
        : {}),
    }),
  );
  if (edit?.fixedTargets) {
    const targets = edit.content.channelIds.length
      ? edit.content.channelIds.map((id) => `<#${id}>`).join(', ')
      : escapeMrkdwn(edit.content.departmentKeys.join(', '));
    blocks.push(section(t('ann.composer.fixedTargets', { targets })));
  } else {
    blocks.push(
      input(
        COMPOSER_BLOCKS.channels,
        t('ann.field.channels'),
        {
          type: 'multi_conversations_select',
          action_id: COMPOSER_ACTION,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(content?.channelIds.length ? { initial_conversations: content.channelIds } : {}),
        },
        { optional: true, hint: t('ann.field.channels.hint') },
      ),
    );
  }
  blocks.push(
    input(COMPOSER_BLOCKS.importance, t('ann.field.importance'), {
      type: 'radio_buttons',
      action_id: COMPOSER_ACTION,
      options: importances,
      initial_option: pick(importances, content?.importance) ?? importances[0]!,
    }),
  );
  if (!edit?.fixedTargets) {
    const chosen = departments.filter((d) => content?.departmentKeys.includes(d.value ?? ''));
    blocks.push(
      input(COMPOSER_BLOCKS.audience, t('ann.field.audience'), {
        type: 'radio_buttons',
        action_id: COMPOSER_ACTION,
        options: audiences,
        initial_option: pick(audiences, content?.audience) ?? audiences[0]!,
      }),
      input(
        COMPOSER_BLOCKS.departments,
        t('ann.field.departments'),
        {
          type: 'multi_static_select',
          action_id: COMPOSER_ACTION,
          options: departments,
          ...(chosen.length ? { initial_options: chosen } : {}),
        },
        { optional: true },
      ),
      input(
        COMPOSER_BLOCKS.publish_at,
        t('ann.field.publish_at'),
        {
          type: 'datetimepicker',
          action_id: COMPOSER_ACTION,
          ...(seconds(content?.publishAt ?? null) ? { initial_date_time: seconds(content!.publishAt)! } : {}),
        },
        { optional: true, hint: t('ann.field.publish_at.hint') },
      ),
    );
  }
  blocks.push(
    input(
      COMPOSER_BLOCKS.expires_at,
      t('ann.field.expires_at'),
      {
        type: 'datetimepicker',
        action_id: COMPOSER_ACTION,
        ...(seconds(content?.expiresAt ?? null) ? { initial_date_time: seconds(content!.expiresAt)! } : {}),
      },
      { optional: true },
    ),
    input(
      COMPOSER_BLOCKS.options,
      t('ann.field.options'),
      {
        type: 'checkboxes',
        action_id: COMPOSER_ACTION,
        options: [ack],
        ...(content?.requireAck ? { initial_options: [ack] } : {}),
      },
      { optional: true },
    ),
  );
  const metadata: ComposerMetadata = edit
    ? { mode: 'edit', announcementId: edit.announcementId, fixedTargets: edit.fixedTargets }
    : { mode: 'new', key: randomUUID() };
  return {
    type: 'modal',
    callback_id: COMPOSER_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: plain(t(edit ? 'ann.composer.title.edit' : 'ann.composer.title.new').slice(0, 24)),
    submit: plain(t('ann.composer.submit').slice(0, 24)),
    close: plain(t('ann.composer.cancel').slice(0, 24)),
    blocks,
  };
}
