import type { ModalView } from '@slack/types';
import { PRIVATE_SCOPE } from '../../domain/files/model';
import { FILE_KINDS } from '../../storage/content-type';
import type { SlackDeps } from '../deps';
import type { UserContext } from '../user-context';
import { fileFormView } from '../views/files/upload-form.view';
import { megabytes } from './file-refusals';

/** The picker's limits when the configuration does not say (tests of other listeners). */
export const DEFAULT_FILE_LIMITS = { maxPerUpload: 5, allowed: FILE_KINDS, maxBytes: 50 * 1024 * 1024 };

export const fileLimitsOf = (deps: Pick<SlackDeps, 'fileLimits'>) => deps.fileLimits ?? DEFAULT_FILE_LIMITS;

/** What the upload modal carries between opening and submitting (never trusted for access). */
export interface UploadMetadata {
  /** Save to library: the message the files came from, re-checked on submission. */
  message?: { channel: string; ts: string; fileIds: string[] };
}

/**
 * The upload modal for `slackUserId`: categories and departments read now, the owning department
 * preset to theirs, internal and private to the owners until they choose a scope.
 */
export async function uploadModalFor(
  deps: Pick<SlackDeps, 'files' | 'org' | 'fileLimits'>,
  ctx: UserContext,
  slackUserId: string,
  options: { metadata?: UploadMetadata; preselected?: string[] } = {},
): Promise<ModalView> {
  const limits = fileLimitsOf(deps);
  const [categories, departments, person] = await Promise.all([
    deps.files.categories(),
    deps.files.departments(),
    deps.org.findPerson(slackUserId),
  ]);
  return fileFormView(ctx.t, {
    mode: 'upload',
    locale: ctx.locale,
    categories,
    departments,
    privateMetadata: JSON.stringify(options.metadata ?? {}),
    picker: {
      maxFiles: Math.min(Math.max(limits.maxPerUpload, 1), 10),
      filetypes: limits.allowed,
      maxMb: megabytes(limits.maxBytes),
    },
    ...(options.preselected ? { preselected: options.preselected } : {}),
    initial: {
      title: '',
      abstract: '',
      keywords: '',
      categoryId: null,
      departmentId: person?.departmentId ?? null,
      confidentiality: 'internal',
      everyone: PRIVATE_SCOPE.everyone,
      departmentIds: [],
      includeSubDepartments: false,
      peopleSlackIds: [],
      channelIds: [],
    },
  });
}
