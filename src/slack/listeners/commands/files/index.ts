import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../../../deps';
import { filePersonId } from '../../../files/file-card';
import { fileRefusalText, isFileLibraryError } from '../../../files/file-refusals';
import { type FilesCommand, nextPageText, parseSearchText } from '../../../files/files-text';
import { uploadModalFor } from '../../../files/upload-modal';
import { refuseIfMaintenance } from '../../../maintenance-guard';
import { openModal } from '../../../modals';
import type { UserContext } from '../../../user-context';
import { escapeMrkdwn, section } from '../../../views/blocks';
import { categoryTree } from '../../../views/files/file-format';
import { searchResultsBlocks } from '../../../views/files/search-results.view';

export { parseFilesText } from '../../../files/files-text';

export interface FilesReply {
  text: string;
  blocks?: KnownBlock[];
}

const PAGE_SIZE = 10;

/**
 * The `/files` subcommands: each one library call, its refusal in the person's words. Admin-only
 * ones are refused by the library itself (`not_admin`), not by hiding them.
 */
export async function runFilesCommand(
  command: FilesCommand,
  slackUserId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: { client: WebClient; triggerId: string },
): Promise<FilesReply | null> {
  const { t } = ctx;
  try {
    switch (command.kind) {
      case 'help':
        return { text: t('files.help') };
      case 'unknown':
        return { text: `${t('files.unknown', { sub: escapeMrkdwn(command.sub) })}\n\n${t('files.help')}` };
      case 'upload': {
        await refuseIfMaintenance(deps);
        await filePersonId(deps, slackUserId);
        await openModal(io.client, io.triggerId, await uploadModalFor(deps, ctx, slackUserId));
        return null;
      }
      case 'search':
        return await search(command.text, slackUserId, ctx, deps);
      case 'categories':
        return await categories(ctx, deps);
      case 'category_usage':
        return { text: t('files.category.usage') };
      case 'category_add': {
        const added = await deps.files.addCategory(await filePersonId(deps, slackUserId), {
          key: command.key,
          name: command.name,
          important: command.important,
          ...(command.parentKey ? { parentKey: command.parentKey } : {}),
        });
        return { text: t('files.category.added', { key: added.key, name: escapeMrkdwn(added.name) }) };
      }
      case 'category_remove': {
        const removed = await deps.files.removeCategory(await filePersonId(deps, slackUserId), command.key);
        return { text: t('files.category.removed', { key: removed.key, name: escapeMrkdwn(removed.name) }) };
      }
      case 'purge_usage':
        return { text: t('files.purge.usage') };
      case 'purge': {
        const personId = await filePersonId(deps, slackUserId);
        const version = await deps.files.purge(personId, command.reference, command.label, command.reason);
        return {
          text: t('files.purge.done', {
            reference: escapeMrkdwn(command.reference.toUpperCase()),
            label: escapeMrkdwn(version.label),
          }),
        };
      }
    }
  } catch (error) {
    if (isFileLibraryError(error)) return { text: await fileRefusalText(t, error.refusal, deps.files) };
    throw error;
  }
}

async function categories(ctx: UserContext, deps: SlackDeps): Promise<FilesReply> {
  const { t } = ctx;
  const all = await deps.files.categories();
  if (!all.length) return { text: t('files.categories.none') };
  const lines = categoryTree(all).map(
    ({ category, depth }) =>
      `${'    '.repeat(depth)}• \`${category.key}\` ${escapeMrkdwn(category.name)}${category.important ? t('files.categories.important') : ''}`,
  );
  const text = `${t('files.categories.header')}\n${lines.join('\n')}`;
  return { text, blocks: [section(text)] };
}

async function search(
  text: string,
  slackUserId: string,
  ctx: UserContext,
  deps: SlackDeps,
): Promise<FilesReply> {
  const { t } = ctx;
  const parsed = parseSearchText(text);
  if ('problem' in parsed) {
    const { problem } = parsed;
    switch (problem.code) {
      case 'badFilter':
        return { text: t('files.search.badFilter', { filter: escapeMrkdwn(problem.filter) }) };
      case 'badType':
        return {
          text: t('files.search.badType', {
            value: escapeMrkdwn(problem.value),
            allowed: (deps.fileLimits?.allowed ?? []).join(', ') || 'pdf, docx, xlsx…',
          }),
        };
      case 'badDate':
        return {
          text: t('files.search.badDate', { filter: problem.filter, value: escapeMrkdwn(problem.value) }),
        };
      case 'badPage':
        return { text: t('files.search.badPage', { value: escapeMrkdwn(problem.value) }) };
    }
  }
  const personId = await filePersonId(deps, slackUserId);
  let categoryIds: number[] | undefined;
  if (parsed.category !== undefined) {
    const all = await deps.files.categories();
    const wanted = parsed.category.toLowerCase();
    const root = all.find((category) => category.key === wanted || category.name.toLowerCase() === wanted);
    if (!root) return { text: t('files.search.badCategory', { value: escapeMrkdwn(parsed.category) }) };
    // A category includes its sub-categories.
    categoryIds = [root.id];
    for (let i = 0; i < categoryIds.length; i += 1)
      for (const child of all) if (child.parentId === categoryIds[i]) categoryIds.push(child.id);
  }
  let departmentId: number | undefined;
  if (parsed.dept !== undefined) {
    const department = (await deps.files.departments()).find(
      (row) => row.key.toLowerCase() === parsed.dept!.toLowerCase(),
    );
    if (!department) return { text: t('files.search.badDepartment', { value: escapeMrkdwn(parsed.dept) }) };
    departmentId = department.id;
  }
  const result = await deps.files.search(personId, {
    query: parsed.words,
    pageSize: PAGE_SIZE,
    page: parsed.page,
    ...(categoryIds ? { categoryIds } : {}),
    ...(departmentId !== undefined ? { departmentId } : {}),
    ...(parsed.type ? { kinds: [parsed.type] } : {}),
    ...(parsed.from ? { from: parsed.from } : {}),
    ...(parsed.to ? { to: parsed.to } : {}),
  });
  const hasMore = result.page * PAGE_SIZE < result.total;
  return searchResultsBlocks(
    t,
    {
      query: parsed.words,
      files: result.files,
      total: result.total,
      page: result.page,
      pageSize: PAGE_SIZE,
      nextText: hasMore ? nextPageText(text, result.page) : null,
    },
    { locale: ctx.locale, timeZone: ctx.timezone },
  );
}
