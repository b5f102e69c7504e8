import type { Tx } from '../tx';
import type { FilePerson, StoredFile, StoredVersion } from './store';

/**
 * The review of a new version of an important file (requirements §五.(四)): a file in a category
 * marked important, or a confidential one. Its new version is stored `in_review` and reviewed by
 * the head of the owning department on the workflow engine (template `file_version`), as
 * announcements are; approval makes it current, rejection leaves the old one current. The first
 * upload is not reviewed: there is no current version to protect, and the file is not yet shared
 * beyond what its owner chose.
 */

export const FILE_VERSION_REVIEW_TEMPLATE = 'file_version';

/** The workflow engine as the library sees it (wiring/files.ts gives the engine's own methods). */
export interface FileVersionReviews {
  /** Starts the review in the library's transaction; the engine routes it to the department's head. */
  start(
    tx: Tx,
    request: {
      requester: FilePerson;
      departmentId: number | null;
      values: FileVersionReviewValues;
      idempotencyKey: string;
    },
  ): Promise<{ instanceId: number; reference: string }>;
}

/** The review form: what the approval card shows of the version. */
export interface FileVersionReviewValues {
  title: string;
  reference: string;
  label: string;
  change_note: string;
  previous_label: string;
  file_name: string;
}

export function reviewValues(
  file: StoredFile,
  version: Pick<StoredVersion, 'label' | 'changeNote' | 'originalName'>,
  previousLabel: string | null,
): FileVersionReviewValues {
  return {
    title: file.title.slice(0, 200),
    reference: file.reference,
    label: version.label,
    change_note: version.changeNote,
    previous_label: previousLabel ?? '',
    file_name: version.originalName,
  };
}

/** Whether a file's new versions are reviewed: its category is important, or it is confidential. */
export const needsReview = (file: Pick<StoredFile, 'confidentiality'>, categoryImportant: boolean) =>
  categoryImportant || file.confidentiality === 'confidential';

/** The end of a review as the engine reports it, in its transaction. */
export interface FinishedVersionReview {
  tx: Tx;
  instanceId: number;
  actorSlackId: string;
}
