import type { FanoutItem } from '../db/repositories/fanout.repository';
import type { FanoutPurpose } from '../delivery/fanout-sender';
import type { FileLibrary } from '../domain/files/file-library.service';
import { NEW_VERSION_PURPOSE, type NewVersionSubject } from '../domain/files/notice-types';
import type { Directory } from '../domain/org/directory.service';
import type { UserContextResolver } from './user-context';
import { newVersionNotice } from './views/files/version-review.view';

/**
 * The fan-out purpose of the file library: "a new version is current" DMs to earlier downloaders.
 * Rendered when the item's turn comes, from the current state: someone who may no longer read the
 * file, or a version no longer current, gets nothing.
 */
export function fileNoticePurposes(deps: {
  files: FileLibrary;
  directory: Pick<Directory, 'findPerson'>;
  users: UserContextResolver;
}): Record<string, FanoutPurpose> {
  const newVersion: FanoutPurpose = {
    async render(item: FanoutItem) {
      const subject = item.subject as unknown as NewVersionSubject;
      const found = await deps.files.newVersionToTell(subject);
      if (!found) return null;
      const person = await deps.directory.findPerson(item.channel).catch(() => null);
      const ctx = await deps.users.resolve(item.channel, person);
      return newVersionNotice(ctx.t, found.file, found.version);
    },
  };
  return { [NEW_VERSION_PURPOSE]: newVersion };
}
