import type { IntakeRefusal } from '../../storage/file-intake';
import type { FieldProblems } from './file-fields';

/**
 * Why the library refused something. The Slack layer turns each code into the person's language;
 * `grantors` name who can give access when a file is restricted (never for one that is hidden).
 */
export type FileRefusal =
  | { code: 'not_found'; reference: string }
  | { code: 'not_in_scope'; reference: string; grantorIds: number[] }
  | { code: 'withdrawn'; reference: string }
  | { code: 'suspended' }
  | { code: 'not_registered' }
  | { code: 'not_owner'; reference: string }
  | { code: 'not_admin' }
  | { code: 'no_such_version'; reference: string; label: string }
  | { code: 'purged'; reference: string; label: string }
  /** A new version while the last one's review is still open (version-review.ts). */
  | { code: 'version_in_review'; reference: string; label: string }
  | { code: 'invalid'; fields: FieldProblems }
  | { code: 'upload_refused'; refusal: IntakeRefusal }
  | { code: 'category'; problem: CategoryProblem; key: string };

/** Why a category could not be added or removed (`/files category add|remove`). */
export type CategoryProblem = 'bad_key' | 'bad_name' | 'exists' | 'unknown' | 'has_children';

export class FileLibraryError extends Error {
  constructor(readonly refusal: FileRefusal) {
    super(`file library: ${refusal.code}`);
    this.name = 'FileLibraryError';
  }
}
