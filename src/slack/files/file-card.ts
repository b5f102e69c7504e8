import type { KnownBlock } from '@slack/types';
import { FileLibraryError } from '../../domain/files/file-errors';
import type { StoredFile, StoredVersion } from '../../domain/files/store';
import type { SlackDeps } from '../deps';
import type { UserContext } from '../user-context';
import { escapeMrkdwn } from '../views/blocks';
import { fileCardBlocks } from '../views/files/file-card.view';
import { categoryPath, departmentName } from '../views/files/file-format';

type CardDeps = Pick<SlackDeps, 'files'>;

/**
 * The directory id of the person behind a Slack user, or the library's own refusal: the library
 * re-reads them (active? admin? in scope?) on every call, so this only names them.
 */
export async function filePersonId(deps: Pick<SlackDeps, 'org'>, slackUserId: string): Promise<number> {
  const person = await deps.org.findPerson(slackUserId);
  if (!person) throw new FileLibraryError({ code: 'not_registered' });
  return person.id;
}

/**
 * A file's card for one reader, with category, department and uploader resolved in their
 * language (`fileCardBlocks` is the pure view). `canManage`: show the owner buttons (the library's
 * `open()` says; a card posted to others passes false).
 */
export async function fileCardFor(
  deps: CardDeps,
  ctx: UserContext,
  file: StoredFile,
  version: StoredVersion | null,
  options: { canManage: boolean },
): Promise<{ text: string; blocks: KnownBlock[] }> {
  const [categories, departments, [owner]] = await Promise.all([
    deps.files.categories(),
    deps.files.departments(),
    deps.files.people([file.ownerPersonId]),
  ]);
  const department = departments.find((row) => row.id === file.departmentId);
  const blocks = fileCardBlocks(ctx.t, file, version, {
    canManage: options.canManage,
    locale: ctx.locale,
    timeZone: ctx.timezone,
    categoryName: categoryPath(categories, file.categoryId),
    departmentName: department ? departmentName(department, ctx.locale) : null,
    ownerLabel: owner?.slackUserId ? `<@${owner.slackUserId}>` : escapeMrkdwn(owner?.displayName ?? '?'),
  });
  return { text: `${file.reference} ${file.title}`, blocks };
}

/** The card of `reference` as `personId` may see it (refused by the library otherwise). */
export async function fileCardOf(
  deps: CardDeps,
  ctx: UserContext,
  personId: number,
  reference: string,
): Promise<{ text: string; blocks: KnownBlock[] }> {
  const opened = await deps.files.open(personId, reference);
  return fileCardFor(deps, ctx, opened.file, opened.current, { canManage: opened.access.level === 'owner' });
}
