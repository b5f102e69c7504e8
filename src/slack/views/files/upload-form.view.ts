import type { InputBlock, KnownBlock, ModalView, Option, PlainTextOption } from '@slack/types';
import type { Locale } from '../../../config';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../domain/files/model';
import type { FileCategory, FileDepartment } from '../../../domain/files/store';
import { DEFAULT_VERSION_LABEL } from '../../../domain/files/version-label';
import type { Translate } from '../../i18n';
import { FILE_BLOCK_IDS, FILE_CALLBACK_IDS } from '../../ids';
import { context, escapeMrkdwn, section, truncate } from '../blocks';
import { categoryTree, departmentName } from './file-format';

/** What the upload and edit modals start with (an edit shows the file's current details). */
export interface FileFormInitial {
  title: string;
  abstract: string;
  keywords: string;
  categoryId: number | null;
  departmentId: number | null;
  confidentiality: Confidentiality;
  everyone: boolean;
  departmentIds: readonly number[];
  includeSubDepartments: boolean;
  peopleSlackIds: readonly string[];
  channelIds: readonly string[];
}

export interface FileFormOptions {
  /** `upload`: files, details, scope, version; `edit`: details and scope only. */
  mode: 'upload' | 'edit';
  locale: Locale;
  categories: readonly FileCategory[];
  departments: readonly FileDepartment[];
  initial: FileFormInitial;
  privateMetadata: string;
  /** The file picker's limits (config.files); absent in `edit`. */
  picker?: { maxFiles: number; filetypes: readonly string[]; maxMb: number };
  /** Files carried from a message (the Save to library shortcut): listed, not picked. */
  preselected?: readonly string[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 150), emoji: true });
const option = (text: string, value: string): PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(text, 75), emoji: true },
  value,
});

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
  ...(extra.hint ? { hint: { type: 'plain_text', text: truncate(extra.hint, 2000) } } : {}),
});

const text = (
  initial: string,
  options: { multiline?: boolean; max?: number; placeholder?: string } = {},
) => ({
  type: 'plain_text_input' as const,
  action_id: 'value',
  ...(initial ? { initial_value: initial } : {}),
  ...(options.multiline ? { multiline: true } : {}),
  ...(options.max ? { max_length: options.max } : {}),
});

/** jpg files are also called .jpeg: the picker lists both so people can pick either. */
export function pickerFiletypes(kinds: readonly string[]): string[] {
  return kinds.flatMap((kind) => (kind === 'jpg' ? ['jpg', 'jpeg'] : [kind]));
}

/**
 * The upload modal (`/files`, Save to library) and the same fields for Edit details. Everything a
 * person typed comes back from Slack with each submission, so an error under one field loses
 * nothing; the limits of the file picker are Slack's convenience, the library checks the bytes.
 */
export function fileFormView(t: Translate, options: FileFormOptions): ModalView {
  const { initial, locale } = options;
  const blocks: KnownBlock[] = [];
  if (options.mode === 'upload') {
    blocks.push(context(t('files.modal.intro')));
    if (options.preselected?.length)
      blocks.push(
        section(
          `*${t('files.field.preselected')}*\n${options.preselected
            .slice(0, 10)
            .map((name) => `• ${escapeMrkdwn(name)}`)
            .join('\n')}`,
        ),
      );
    else if (options.picker)
      blocks.push(
        input(
          FILE_BLOCK_IDS.files,
          t('files.field.files'),
          {
            type: 'file_input',
            action_id: 'value',
            max_files: options.picker.maxFiles,
            filetypes: pickerFiletypes(options.picker.filetypes),
          },
          { hint: t('files.field.files.hint', { max: options.picker.maxFiles, mb: options.picker.maxMb }) },
        ),
      );
  }
  blocks.push(
    input(FILE_BLOCK_IDS.title, t('files.field.title'), text(initial.title, { max: 200 })),
    input(
      FILE_BLOCK_IDS.abstract,
      t('files.field.abstract'),
      text(initial.abstract, { multiline: true, max: 3000 }),
      {
        optional: true,
      },
    ),
    input(FILE_BLOCK_IDS.keywords, t('files.field.keywords'), text(initial.keywords, { max: 1000 }), {
      optional: true,
      hint: t('files.field.keywords.hint'),
    }),
  );
  const categoryOptions = categoryTree(options.categories)
    .slice(0, 100)
    .map(({ category, depth }) =>
      option(`${'  '.repeat(depth)}${depth ? '└ ' : ''}${category.name}`, String(category.id)),
    );
  if (categoryOptions.length) {
    const chosen = categoryOptions.find((entry) => entry.value === String(initial.categoryId));
    blocks.push(
      input(
        FILE_BLOCK_IDS.category,
        t('files.field.category'),
        {
          type: 'static_select',
          action_id: 'value',
          options: categoryOptions,
          ...(chosen ? { initial_option: chosen } : {}),
        },
        { optional: true },
      ),
    );
  }
  const departmentOptions = options.departments
    .slice(0, 100)
    .map((department) => option(departmentName(department, locale), String(department.id)));
  if (departmentOptions.length) {
    const owning = departmentOptions.find((entry) => entry.value === String(initial.departmentId));
    blocks.push(
      input(
        FILE_BLOCK_IDS.department,
        t('files.field.department'),
        {
          type: 'static_select',
          action_id: 'value',
          options: departmentOptions,
          ...(owning ? { initial_option: owning } : {}),
        },
        { optional: true },
      ),
    );
  }
  const levels = CONFIDENTIALITY_LEVELS.map((level) => option(t(`files.conf.${level}`), level));
  blocks.push(
    input(FILE_BLOCK_IDS.confidentiality, t('files.field.confidentiality'), {
      type: 'static_select',
      action_id: 'value',
      options: levels,
      initial_option: levels.find((entry) => entry.value === initial.confidentiality) ?? levels[1]!,
    }),
  );
  const everyone: Option = option(t('files.field.everyone.option'), 'everyone');
  blocks.push(
    input(
      FILE_BLOCK_IDS.everyone,
      t('files.field.everyone'),
      {
        type: 'checkboxes',
        action_id: 'value',
        options: [everyone],
        ...(initial.everyone ? { initial_options: [everyone] } : {}),
      },
      { optional: true },
    ),
  );
  if (departmentOptions.length) {
    const chosen = departmentOptions.filter((entry) =>
      initial.departmentIds.map(String).includes(entry.value ?? ''),
    );
    blocks.push(
      input(
        FILE_BLOCK_IDS.departments,
        t('files.field.departments'),
        {
          type: 'multi_static_select',
          action_id: 'value',
          options: departmentOptions,
          ...(chosen.length ? { initial_options: chosen } : {}),
        },
        { optional: true },
      ),
    );
    const sub: Option = option(t('files.field.subDepartments.option'), 'sub');
    blocks.push(
      input(
        FILE_BLOCK_IDS.subDepartments,
        t('files.field.subDepartments'),
        {
          type: 'checkboxes',
          action_id: 'value',
          options: [sub],
          ...(initial.includeSubDepartments ? { initial_options: [sub] } : {}),
        },
        { optional: true },
      ),
    );
  }
  blocks.push(
    input(
      FILE_BLOCK_IDS.people,
      t('files.field.people'),
      {
        type: 'multi_users_select',
        action_id: 'value',
        ...(initial.peopleSlackIds.length ? { initial_users: [...initial.peopleSlackIds] } : {}),
      },
      { optional: true },
    ),
    input(
      FILE_BLOCK_IDS.channels,
      t('files.field.channels'),
      {
        type: 'multi_conversations_select',
        action_id: 'value',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(initial.channelIds.length ? { initial_conversations: [...initial.channelIds] } : {}),
      },
      { optional: true },
    ),
  );
  if (options.mode === 'upload')
    blocks.push(
      input(FILE_BLOCK_IDS.label, t('files.field.label'), text(DEFAULT_VERSION_LABEL, { max: 32 })),
      input(FILE_BLOCK_IDS.changeNote, t('files.field.changeNote'), text('', { multiline: true, max: 500 }), {
        optional: true,
      }),
    );
  const edit = options.mode === 'edit';
  return {
    type: 'modal',
    callback_id: edit ? FILE_CALLBACK_IDS.edit : FILE_CALLBACK_IDS.upload,
    private_metadata: options.privateMetadata,
    title: plain(truncate(edit ? t('files.edit.title') : t('files.modal.title'), 24)),
    submit: plain(edit ? t('files.edit.submit') : t('files.modal.submit')),
    close: plain(t('files.modal.cancel')),
    blocks,
  };
}

/** New version: the file, a label greater than the current one, and what changed. */
export function newVersionView(
  t: Translate,
  file: { reference: string; title: string; currentLabel: string },
  picker: { filetypes: readonly string[]; maxMb: number },
): ModalView {
  return {
    type: 'modal',
    callback_id: FILE_CALLBACK_IDS.newVersion,
    private_metadata: JSON.stringify({ reference: file.reference }),
    title: plain(truncate(t('files.newVersion.title'), 24)),
    submit: plain(t('files.newVersion.submit')),
    close: plain(t('files.modal.cancel')),
    blocks: [
      section(
        t('files.newVersion.current', {
          reference: file.reference,
          title: escapeMrkdwn(file.title),
          label: escapeMrkdwn(file.currentLabel),
        }),
      ),
      input(FILE_BLOCK_IDS.files, t('files.newVersion.file'), {
        type: 'file_input',
        action_id: 'value',
        max_files: 1,
        filetypes: pickerFiletypes(picker.filetypes),
      }),
      input(FILE_BLOCK_IDS.label, t('files.field.label'), text('', { max: 32 })),
      input(FILE_BLOCK_IDS.changeNote, t('files.field.changeNote'), text('', { multiline: true, max: 500 })),
    ],
  };
}

/** What the modal shows once submitted: the work goes on, the result comes to the DM. */
export function processingView(t: Translate, count: number): ModalView {
  return {
    type: 'modal',
    title: plain(truncate(t('files.modal.title'), 24)),
    close: plain(t('files.modal.close')),
    blocks: [section(t('files.upload.processing', { count }))],
  };
}
