import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SqlFileStore } from '../db/repositories/file-library.repository';
import { modelsDatabase } from '../db/repositories/transaction';
import { type CategoryListing, syncFileCategories } from '../domain/files/category-sync';
import { FileLibrary, type RequestVisibility } from '../domain/files/file-library.service';
import type { FilePerson } from '../domain/files/store';
import { FILE_VERSION_REVIEW_TEMPLATE, type FileVersionReviews } from '../domain/files/version-review';
import type { Clock } from '../domain/tx';
import type { ReviewFinishedEffect, WorkflowEngine } from '../domain/workflows/engine.service';
import { validateValues } from '../domain/workflows/form-validation';
import { scanWithClamd } from '../storage/clamav';
import type { ContentStore } from '../storage/content-store';
import { FILE_KINDS, type FileKind } from '../storage/content-type';
import { PostgresContentStore } from '../storage/postgres-content-store';
import { S3ContentStore, type S3Settings } from '../storage/s3-content-store';

/** What the library needs from the configuration (config.files), with the embedded defaults. */
export interface FileLibraryConfig {
  maxBytes: number;
  allowed: readonly FileKind[];
  clamdUrl: string | undefined;
  spoolDir: string;
  s3: S3Settings | undefined;
}

export const DEFAULT_FILE_LIBRARY_CONFIG: FileLibraryConfig = {
  maxBytes: 50 * 1024 * 1024,
  allowed: FILE_KINDS,
  clamdUrl: undefined,
  spoolDir: join(tmpdir(), 'gongwu-spool'),
  s3: undefined,
};

/** The channels a person is in, as Slack says (users.conversations); none where Slack is absent. */
export type MemberChannels = (person: FilePerson) => Promise<ReadonlySet<string>>;

const noChannels: MemberChannels = async () => new Set();

/** Where file bytes live: S3 when configured, else the app's own PostgreSQL (the embedded default). */
export function createContentStore(config: Pick<FileLibraryConfig, 's3'>): ContentStore {
  return config.s3 ? new S3ContentStore(config.s3) : new PostgresContentStore(modelsDatabase);
}

/** The file library over the database, its content store and (where set) clamd. */
export function createFileLibrary(options: {
  config?: FileLibraryConfig;
  timeZone: string;
  clock: Clock;
  memberChannels?: MemberChannels;
  /** Who may view a request: its attachments are theirs to read (the workflow engine's rule). */
  requestVisibility?: RequestVisibility;
  /** The workflow engine that reviews new versions of important files. */
  workflows?: WorkflowEngine;
}): FileLibrary {
  const config = options.config ?? DEFAULT_FILE_LIBRARY_CONFIG;
  const { clamdUrl } = config;
  return new FileLibrary({
    store: new SqlFileStore(modelsDatabase),
    contents: createContentStore(config),
    clock: () => options.clock.now(),
    settings: {
      timeZone: options.timeZone,
      intake: {
        limits: { maxBytes: config.maxBytes, allowed: config.allowed },
        tempRoot: config.spoolDir,
        scan: clamdUrl ? (content: Readable) => scanWithClamd(clamdUrl, content) : undefined,
      },
    },
    memberChannels: options.memberChannels ?? noChannels,
    requestVisibility: options.requestVisibility,
    reviews: options.workflows ? fileVersionReviews(options.workflows) : undefined,
  });
}

/** The engine's "who may view this request" rule as the library's port (by Slack id; none: no one). */
export function requestVisibilityOf(workflows: {
  mayViewInstance(slackUserId: string, instanceId: number): Promise<boolean>;
}): RequestVisibility {
  return async (person, instanceId) =>
    person.slackUserId !== null && workflows.mayViewInstance(person.slackUserId, instanceId);
}

/**
 * The review engine the library is given: the workflow engine's own methods, in the library's
 * transaction (both domains hold the same opaque `Tx`), as the announcements' (announcements.ts).
 */
export function fileVersionReviews(workflows: WorkflowEngine): FileVersionReviews {
  return {
    async start(tx, { requester, departmentId, values, idempotencyKey }) {
      const template = await workflows.latestTemplate(FILE_VERSION_REVIEW_TEMPLATE);
      const validation = await validateValues(
        template.definition,
        { ...values },
        workflows.validationContext({
          requesterSlackId: requester.slackUserId ?? '',
          templateKey: template.key,
          timeZone: workflows.timeZoneOf(null),
          transaction: tx,
        }),
      );
      if (!validation.ok)
        throw new Error(`file version review form refused: ${JSON.stringify(validation.errors)}`);
      const review = await workflows.createRequest(tx, {
        template,
        requester: {
          personId: requester.id,
          slackUserId: requester.slackUserId ?? '',
          name: requester.displayName,
          departmentId,
        },
        values: validation.normalized,
        idempotencyKey,
      });
      if (!review.ok) throw new Error(`file version review refused: ${JSON.stringify(review.errors)}`);
      return { instanceId: review.instanceId, reference: review.reference };
    },
  };
}

/**
 * What the workflow engine does when a file version review ends: the library makes the version
 * current (or not) in the deciding transaction. The engine is built before the library, so the
 * effect reaches it through `files()` once both exist.
 */
export function fileVersionReviewEffects(
  files: () => FileLibrary,
): Readonly<Record<string, ReviewFinishedEffect>> {
  return {
    [FILE_VERSION_REVIEW_TEMPLATE]: (review, outcome) =>
      files().reviewFinished(
        {
          tx: review.transaction,
          instanceId: review.instance.id,
          actorSlackId: review.actor.slackUserId,
        },
        outcome,
      ),
  };
}

/** The org file's `file_categories:` into the library (added when missing, never removed). */
export function syncOrgFileCategories(
  categories: readonly CategoryListing[],
  actor: string,
): Promise<{ added: string[]; kept: string[] }> {
  return syncFileCategories(new SqlFileStore(modelsDatabase), categories, actor);
}
