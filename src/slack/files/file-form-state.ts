import type { ViewStateValue } from '@slack/bolt';
import type { FileScope } from '../../domain/files/model';
import { FILE_BLOCK_IDS } from '../ids';

/** What the upload / edit modal's state says, before the people are looked up. */
export interface FileFormValues {
  slackFileIds: string[];
  title: string;
  abstract: string;
  keywords: string;
  categoryId: number | null;
  departmentId: number | null;
  confidentiality: string;
  everyone: boolean;
  departmentIds: number[];
  includeSubDepartments: boolean;
  peopleSlackIds: string[];
  channelIds: string[];
  label: string;
  changeNote: string;
}

type StateValues = Record<string, Record<string, ViewStateValue>>;

const idOf = (value: string | undefined | null): number | null => {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : null;
};

/**
 * Reads the modal's state strictly: a value of the wrong shape counts as not given (the library
 * then says what is missing); nothing here is trusted for access, which the library decides.
 */
export function readFileForm(values: StateValues): FileFormValues {
  const get = (block: string) => values[block]?.value;
  const textOf = (block: string) => get(block)?.value ?? '';
  const files = (get(FILE_BLOCK_IDS.files) as { files?: { id?: unknown }[] } | undefined)?.files ?? [];
  return {
    slackFileIds: files.flatMap((file) => (typeof file.id === 'string' ? [file.id] : [])),
    title: textOf(FILE_BLOCK_IDS.title),
    abstract: textOf(FILE_BLOCK_IDS.abstract),
    keywords: textOf(FILE_BLOCK_IDS.keywords),
    categoryId: idOf(get(FILE_BLOCK_IDS.category)?.selected_option?.value),
    departmentId: idOf(get(FILE_BLOCK_IDS.department)?.selected_option?.value),
    confidentiality: get(FILE_BLOCK_IDS.confidentiality)?.selected_option?.value ?? '',
    everyone: (get(FILE_BLOCK_IDS.everyone)?.selected_options ?? []).some((o) => o.value === 'everyone'),
    departmentIds: (get(FILE_BLOCK_IDS.departments)?.selected_options ?? []).flatMap((o) => {
      const id = idOf(o.value);
      return id === null ? [] : [id];
    }),
    includeSubDepartments: (get(FILE_BLOCK_IDS.subDepartments)?.selected_options ?? []).some(
      (o) => o.value === 'sub',
    ),
    peopleSlackIds: get(FILE_BLOCK_IDS.people)?.selected_users ?? [],
    channelIds: get(FILE_BLOCK_IDS.channels)?.selected_conversations ?? [],
    label: textOf(FILE_BLOCK_IDS.label),
    changeNote: textOf(FILE_BLOCK_IDS.changeNote),
  };
}

/** The scope from the form, once the named people are known by their directory ids. */
export const scopeOf = (form: FileFormValues, personIds: number[]): FileScope => ({
  everyone: form.everyone,
  departmentIds: [...new Set(form.departmentIds)],
  includeSubDepartments: form.includeSubDepartments,
  personIds: [...new Set(personIds)],
  channelIds: [...new Set(form.channelIds)],
});

/** The input blocks a submitted view has (errors may only name those). */
export const inputBlocksOf = (blocks: readonly { type?: string; block_id?: string }[]): Set<string> =>
  new Set(blocks.flatMap((block) => (block.type === 'input' && block.block_id ? [block.block_id] : [])));
