import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ContentStore } from '../../storage/content-store';
import {
  type IntakeOptions,
  IntakeRefused,
  type StoredContent,
  takeInUpload,
} from '../../storage/file-intake';
import type { Tx } from '../tx';
import { type FileAccess, fileAccess, mayRead, scopeProblem } from './access';
import { type CategoryProblem, FileLibraryError } from './file-errors';
import { checkDetails, checkVersion, type DetailsInput, type FieldProblems } from './file-fields';
import type { FileScope } from './model';
import type { NewVersionSubject } from './notice-types';
import { indexGrams, normaliseSearchText, queryTerms } from './search-grams';
import type {
  FileCategory,
  FileDepartment,
  FilePerson,
  FileStore,
  StoredFile,
  StoredVersion,
  VersionStatus,
} from './store';
import { compareVersionNumbers, parseVersionLabel } from './version-label';
import {
  type FileVersionReviews,
  type FinishedVersionReview,
  needsReview,
  reviewValues,
} from './version-review';

/** A category key as typed: lower-case letters and digits, then also - and _ (migration 0024). */
const CATEGORY_KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/**
 * The file library's rules (requirements §五): upload with descriptive fields, authorised
 * download, sharing scope, versions, search. Every action re-reads the person and the file and
 * decides access on the server; every change is audited in its own transaction. The bytes are
 * taken in (checked, scanned, stored) before the transaction, and removed again if it fails, so
 * no row ever points at content that is not there.
 */

export interface FileLibrarySettings {
  /** The organisation's time zone: the year in FILE-<year>-<nnnn>. */
  timeZone: string;
  intake: Pick<IntakeOptions, 'limits' | 'tempRoot' | 'scan'>;
}

export interface FileLibraryDeps {
  store: FileStore;
  contents: ContentStore;
  clock: () => Date;
  settings: FileLibrarySettings;
  /** The channels the person is a member of (Slack knows; files can be shared with channels). */
  memberChannels: (person: FilePerson) => Promise<ReadonlySet<string>>;
  /** Who may read a request's attachments: the workflow engine's rule (RequestVisibility). */
  requestVisibility?: RequestVisibility;
  /** The workflow engine, for new versions of important files; without it they are refused. */
  reviews?: FileVersionReviews;
}

/** A new version: current at once, or in review (its review request's reference). */
export interface AddedVersion extends FileWithVersion {
  review: { reference: string } | null;
  /** Earlier downloaders queued to be told (0 while the version is in review). */
  notified: number;
}

/**
 * Whether a person may view a request: implemented over the workflow engine's "who may view this
 * request" rule (wiring/files.ts), so an attachment is read by exactly the request's viewers.
 */
export type RequestVisibility = (person: FilePerson, workflowInstanceId: number) => Promise<boolean>;

export interface UploadSource {
  name: string;
  open(): Readable;
}

export interface UploadInput extends DetailsInput {
  categoryId: number | null;
  departmentId: number | null;
  label: string;
  changeNote: string;
  source: UploadSource;
  workflowInstanceId?: number | null;
}

export interface FileWithVersion {
  file: StoredFile;
  version: StoredVersion;
}

export interface Download extends FileWithVersion {
  content: Readable;
}

export interface SearchInput {
  query: string;
  categoryIds?: number[];
  departmentId?: number;
  kinds?: string[];
  from?: Date;
  to?: Date;
  page?: number;
  pageSize?: number;
}

export class FileLibrary {
  constructor(private readonly deps: FileLibraryDeps) {}

  /** A new file and its first version. */
  async upload(actorId: number, input: UploadInput): Promise<FileWithVersion> {
    const { store } = this.deps;
    const actor = await this.activeActor(actorId);
    const problems: FieldProblems = {};
    const details = checkDetails(input, problems);
    const version = checkVersion(input, null, problems);
    const departmentId = input.departmentId ?? actor.departmentId;
    await this.checkPlacement(input.categoryId, departmentId, problems);
    if (!details || !version || Object.keys(problems).length)
      throw new FileLibraryError({ code: 'invalid', fields: problems });
    return this.withContent(input.source, async (content) =>
      store.inTransaction(async (tx) => {
        const reference = await store.nextReference(this.year(), tx);
        const file = await store.insertFile(
          {
            reference,
            ...details,
            categoryId: input.categoryId,
            departmentId,
            ownerPersonId: actor.id,
            workflowInstanceId: input.workflowInstanceId ?? null,
            ...searchFields(details),
          },
          tx,
        );
        const stored = await this.insertVersion(file, actor, version, input.source.name, content, tx);
        await store.audit(
          [this.auditEntry(actor, 'file.uploaded', file, { after: auditView(file, stored) })],
          tx,
        );
        return { file, version: stored };
      }),
    );
  }

  /**
   * A new version under the same reference; the label must be greater than the current one. A file
   * whose new versions are reviewed (version-review.ts) keeps its current version until the head
   * of its owning department approves; one version at a time is in review.
   */
  async newVersion(
    actorId: number,
    reference: string,
    input: { label: string; changeNote: string; source: UploadSource },
  ): Promise<AddedVersion> {
    const { store } = this.deps;
    const actor = await this.activeActor(actorId);
    const before = await this.fileFor(actor, reference, 'owner');
    const problems: FieldProblems = {};
    const version = checkVersion(input, highestLabel(await store.versions(before.id)), problems);
    if (!version) throw new FileLibraryError({ code: 'invalid', fields: problems });
    return this.withContent(input.source, async (content) =>
      store.inTransaction(async (tx) => {
        const file = await this.lockedFor(actor, reference, 'owner', tx);
        // Checked again under the lock: another new version may have landed meanwhile.
        const versions = await store.versions(file.id, tx);
        const latest = versions.find((row) => row.status === 'current');
        const again = checkVersion(input, highestLabel(versions), problems);
        if (!again) throw new FileLibraryError({ code: 'invalid', fields: problems });
        await this.settlePendingVersion(file, tx);
        const reviewed = await this.reviewed(file, tx);
        const review = reviewed
          ? await this.startReview(actor, file, { ...again, originalName: input.source.name }, latest, tx)
          : null;
        if (!review) await store.supersedeCurrent(file.id, tx);
        const stored = await this.insertVersion(file, actor, again, input.source.name, content, tx, {
          status: review ? 'in_review' : 'current',
          reviewInstanceId: review?.instanceId ?? null,
        });
        const touched = await store.updateFile(file.id, {}, tx);
        await store.audit(
          [
            this.auditEntry(actor, review ? 'file.version_submitted' : 'file.version_added', file, {
              before: latest?.label,
              after: { ...auditView(file, stored), ...(review ? { review: review.reference } : {}) },
            }),
          ],
          tx,
        );
        const notified = review ? 0 : await this.tellEarlierDownloaders(touched, stored, tx);
        return {
          file: touched,
          version: stored,
          review: review ? { reference: review.reference } : null,
          notified,
        };
      }),
    );
  }

  /**
   * The end of a `file_version` review (the workflow engine calls it in the deciding transaction):
   * approved, the version becomes current and the previous one superseded, and earlier downloaders
   * are told; rejected, the old version stays current (the engine tells the uploader why);
   * returned, it waits for the uploader to resubmit, or is set aside by their next upload.
   */
  async reviewFinished(
    review: FinishedVersionReview,
    outcome: 'approved' | 'rejected' | 'returned',
  ): Promise<void> {
    const { store } = this.deps;
    const { tx } = review;
    const found = await store.versionOfReview(review.instanceId, tx);
    // A review the library did not start acts on nothing: refused rather than silently lost.
    if (!found) throw new Error(`review ${review.instanceId} belongs to no file version`);
    const { file, version } = found;
    // Already set aside by a newer upload after it was returned.
    if (version.status !== 'in_review' || outcome === 'returned') return;
    const entry = (action: string, after: Record<string, unknown>) => ({
      actor: review.actorSlackId,
      action,
      subjectType: 'file',
      subjectId: file.reference,
      after: { version: version.label, ...after },
    });
    if (outcome === 'rejected') {
      await store.setVersionStatus(version.id, 'rejected', tx);
      await store.audit([entry('file.version_rejected', {})], tx);
      return;
    }
    const previous = (await store.versions(file.id, tx)).find((row) => row.status === 'current');
    await store.supersedeCurrent(file.id, tx);
    await store.setVersionStatus(version.id, 'current', tx);
    const touched = await store.updateFile(file.id, {}, tx);
    await store.audit([entry('file.version_approved', { previous: previous?.label ?? null })], tx);
    await this.tellEarlierDownloaders(touched, { ...version, status: 'current' }, tx);
  }

  /** The bytes of the current version (or of `label`), after the right to read is checked. */
  async download(actorId: number, reference: string, label?: string): Promise<Download> {
    const { store, contents } = this.deps;
    const actor = await this.activeActor(actorId);
    return store.inTransaction(async (tx) => {
      const locked = await store.lockFile(normaliseReference(reference), tx);
      const versions = locked ? await store.versions(locked.id, tx) : [];
      const wanted = label ? versions.find((row) => row.label === label.trim()) : undefined;
      // The reviewer of a version in review downloads it to decide, shared with them or not.
      const asReviewer =
        locked !== null &&
        wanted?.status === 'in_review' &&
        wanted.reviewInstanceId !== null &&
        (await store.isReviewer(wanted.reviewInstanceId, actor.id, tx));
      const file = asReviewer ? locked : await this.requireAccess(actor, locked, reference, 'reader', tx);
      const version = label ? wanted : versions.find((row) => row.status === 'current');
      const unseen =
        version?.status === 'in_review' &&
        !asReviewer &&
        (await this.accessOf(actor, file, tx)).level !== 'owner';
      if (!version || version.status === 'rejected' || unseen)
        throw new FileLibraryError({ code: 'no_such_version', reference, label: label ?? '' });
      if (version.purgedAt) throw new FileLibraryError({ code: 'purged', reference, label: version.label });
      const content = await contents.get(version.contentKey);
      await store.recordDownload({ fileId: file.id, versionId: version.id, personId: actor.id }, tx);
      await store.audit(
        [this.auditEntry(actor, 'file.downloaded', file, { after: { version: version.label } })],
        tx,
      );
      return { file, version, content };
    });
  }

  /** Every version, newest first, for someone who may read the file. */
  async versions(
    actorId: number,
    reference: string,
  ): Promise<{ file: StoredFile; versions: StoredVersion[] }> {
    const actor = await this.activeActor(actorId);
    const file = await this.fileFor(actor, reference, 'metadata');
    const versions = await this.deps.store.versions(file.id);
    // A version in review is its owners' (and reviewer's) until it is approved.
    const owner = (await this.accessOf(actor, file)).level === 'owner';
    const shown = versions.filter(
      (row) => row.status !== 'rejected' && (owner || row.status !== 'in_review'),
    );
    return { file, versions: shown.reverse() };
  }

  /** The file as this person may see it, with what they may do. */
  async open(
    actorId: number,
    reference: string,
  ): Promise<{ file: StoredFile; access: FileAccess; current: StoredVersion | null }> {
    const actor = await this.activeActor(actorId);
    const file = await this.fileFor(actor, reference, 'metadata');
    const access = await this.accessOf(actor, file);
    const current = (await this.deps.store.versions(file.id)).find((row) => row.status === 'current') ?? null;
    return { file, access, current };
  }

  async updateDetails(
    actorId: number,
    reference: string,
    input: DetailsInput & { categoryId: number | null; departmentId: number | null },
  ): Promise<StoredFile> {
    const actor = await this.activeActor(actorId);
    const problems: FieldProblems = {};
    const details = checkDetails(input, problems);
    await this.checkPlacement(input.categoryId, input.departmentId, problems);
    if (!details || Object.keys(problems).length)
      throw new FileLibraryError({ code: 'invalid', fields: problems });
    return this.change(actor, reference, 'file.details_changed', {
      ...details,
      categoryId: input.categoryId,
      departmentId: input.departmentId,
      ...searchFields(details),
    });
  }

  /** Who may find and download the file; takes effect at once. */
  async changeScope(actorId: number, reference: string, scope: FileScope): Promise<StoredFile> {
    const actor = await this.activeActor(actorId);
    const current = await this.fileFor(actor, reference, 'owner');
    const problem = scopeProblem(current.confidentiality, scope);
    if (problem) throw new FileLibraryError({ code: 'invalid', fields: { scope: problem } });
    return this.change(actor, reference, 'file.scope_changed', { scope });
  }

  /** Hidden from everyone but its owners; every version and the history stay. */
  async withdraw(actorId: number, reference: string): Promise<StoredFile> {
    const actor = await this.activeActor(actorId);
    return this.change(actor, reference, 'file.withdrawn', {
      status: 'withdrawn',
      withdrawnByPersonId: actor.id,
    });
  }

  /** An admin removes a version's content for good; its row, metadata and audit trail stay. */
  async purge(actorId: number, reference: string, label: string, reason: string): Promise<StoredVersion> {
    const { store, contents } = this.deps;
    const actor = await this.activeActor(actorId);
    if (!actor.roles.includes('admin')) throw new FileLibraryError({ code: 'not_admin' });
    if (!reason.trim())
      throw new FileLibraryError({ code: 'invalid', fields: { changeNote: { code: 'required' } } });
    return store.inTransaction(async (tx) => {
      const file = await this.lockedFor(actor, reference, 'owner', tx);
      const version = (await store.versions(file.id, tx)).find((row) => row.label === label.trim());
      if (!version) throw new FileLibraryError({ code: 'no_such_version', reference, label });
      if (version.purgedAt) return version;
      await store.markPurged(version.id, actor.id, reason.trim(), tx);
      await store.audit(
        [
          this.auditEntry(actor, 'file.purged', file, {
            after: { version: version.label, reason: reason.trim() },
          }),
        ],
        tx,
      );
      // Removed last: if the transaction fails the row still points at bytes that exist.
      await contents.remove(version.contentKey);
      return { ...version, purgedAt: this.deps.clock(), purgeReason: reason.trim() };
    });
  }

  /** Files this person may read that match every term, best first; ten to a page by default. */
  async search(
    actorId: number,
    input: SearchInput,
  ): Promise<{ files: StoredFile[]; total: number; page: number }> {
    const { store } = this.deps;
    const actor = await this.activeActor(actorId);
    const pageSize = Math.min(Math.max(input.pageSize ?? 10, 1), 50);
    const page = Math.max(input.page ?? 1, 1);
    const facts = await store.departmentFacts(null, actor.departmentId);
    const channels = await this.deps.memberChannels(actor);
    const result = await store.search({
      reader: actor,
      readerDepartmentLine: facts.readerLine,
      readerChannelIds: [...channels],
      terms: queryTerms(input.query),
      categoryIds: input.categoryIds,
      departmentId: input.departmentId,
      kinds: input.kinds,
      from: input.from,
      to: input.to,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { ...result, page };
  }

  /** The category tree, in the order the admins added it. */
  categories(): Promise<FileCategory[]> {
    return this.deps.store.categories();
  }

  /** Every department (upload form's owning department and scope; `dept:` in a search). */
  departments(): Promise<FileDepartment[]> {
    return this.deps.store.departments();
  }

  /** The people behind ids (owners, uploaders, who can grant access), for display. */
  async people(ids: readonly number[]): Promise<FilePerson[]> {
    const people = await Promise.all([...new Set(ids)].map((id) => this.deps.store.person(id)));
    return people.filter((person): person is FilePerson => person !== null);
  }

  /** An admin adds a category (optionally under `parentKey`); audited. */
  async addCategory(
    actorId: number,
    input: { key: string; name: string; parentKey?: string; important: boolean },
  ): Promise<FileCategory> {
    const { store } = this.deps;
    const actor = await this.activeActor(actorId);
    if (!actor.roles.includes('admin')) throw new FileLibraryError({ code: 'not_admin' });
    const key = input.key.trim().toLowerCase();
    const name = input.name.trim();
    const refuse = (problem: CategoryProblem, which = key) =>
      new FileLibraryError({ code: 'category', problem, key: which });
    if (!CATEGORY_KEY.test(key)) throw refuse('bad_key');
    if (!name || [...name].length > 80) throw refuse('bad_name');
    const existing = await store.categories();
    if (existing.some((category) => category.key === key)) throw refuse('exists');
    let parentId: number | null = null;
    if (input.parentKey) {
      const parent = existing.find((category) => category.key === input.parentKey!.trim().toLowerCase());
      if (!parent) throw refuse('unknown', input.parentKey);
      parentId = parent.id;
    }
    const sibling = existing.find(
      (category) => category.parentId === parentId && category.name.toLowerCase() === name.toLowerCase(),
    );
    if (sibling) throw refuse('exists', sibling.key);
    return store.inTransaction(async (tx) => {
      const added = await store.addCategory({ key, name, parentId, important: input.important }, tx);
      await store.audit(
        [
          {
            actor: actor.slackUserId ?? `person:${actor.id}`,
            action: 'file_category.added',
            subjectType: 'file_category',
            subjectId: key,
            after: { name, parentKey: input.parentKey ?? null, important: input.important },
          },
        ],
        tx,
      );
      return added;
    });
  }

  /** An admin removes a category without sub-categories; its files keep no category. Audited. */
  async removeCategory(actorId: number, key: string): Promise<FileCategory> {
    const { store } = this.deps;
    const actor = await this.activeActor(actorId);
    if (!actor.roles.includes('admin')) throw new FileLibraryError({ code: 'not_admin' });
    const wanted = key.trim().toLowerCase();
    const existing = await store.categories();
    const category = existing.find((row) => row.key === wanted);
    if (!category) throw new FileLibraryError({ code: 'category', problem: 'unknown', key });
    if (existing.some((row) => row.parentId === category.id))
      throw new FileLibraryError({ code: 'category', problem: 'has_children', key: category.key });
    await store.inTransaction(async (tx) => {
      await store.removeCategory(category.id, tx);
      await store.audit(
        [
          {
            actor: actor.slackUserId ?? `person:${actor.id}`,
            action: 'file_category.removed',
            subjectType: 'file_category',
            subjectId: category.key,
            before: { name: category.name, important: category.important },
          },
        ],
        tx,
      );
    });
    return category;
  }

  /** The category and the owning department, when given, must exist. */
  private async checkPlacement(
    categoryId: number | null,
    departmentId: number | null,
    problems: FieldProblems,
  ) {
    if (categoryId !== null && !(await this.deps.store.category(categoryId)))
      problems.category = { code: 'unknown_choice' };
    if (
      departmentId !== null &&
      !(await this.deps.store.departmentFacts(departmentId, null)).departmentExists
    )
      problems.department = { code: 'unknown_choice' };
  }

  private async change(
    actor: FilePerson,
    reference: string,
    action: string,
    changes: Parameters<FileStore['updateFile']>[1],
  ): Promise<StoredFile> {
    const { store } = this.deps;
    return store.inTransaction(async (tx) => {
      const before = await this.lockedFor(actor, reference, 'owner', tx);
      const after = await store.updateFile(before.id, changes, tx);
      await store.audit(
        [this.auditEntry(actor, action, before, { before: auditView(before), after: auditView(after) })],
        tx,
      );
      return after;
    });
  }

  private async insertVersion(
    file: StoredFile,
    actor: FilePerson,
    version: { label: string; changeNote: string },
    originalName: string,
    content: StoredContent,
    tx: Tx,
    state: { status: VersionStatus; reviewInstanceId: number | null } = {
      status: 'current',
      reviewInstanceId: null,
    },
  ): Promise<StoredVersion> {
    return this.deps.store.insertVersion(
      {
        fileId: file.id,
        label: version.label,
        changeNote: version.changeNote,
        originalName: originalName.slice(0, 255),
        kind: content.kind,
        sizeBytes: content.size,
        sha256: content.sha256,
        storageBackend: this.deps.contents.backend,
        contentKey: content.key,
        uploadedByPersonId: actor.id,
        ...state,
      },
      tx,
    );
  }

  /** Whether the file's new versions are reviewed: an important category, or confidential. */
  private async reviewed(file: StoredFile, tx: Tx): Promise<boolean> {
    const category = file.categoryId === null ? null : await this.deps.store.category(file.categoryId, tx);
    return needsReview(file, category?.important ?? false);
  }

  /**
   * One version at a time is in review: a new upload is refused while the last one's review is
   * open, and sets it aside once that review was returned or withdrawn (it can no longer pass).
   */
  private async settlePendingVersion(file: StoredFile, tx: Tx): Promise<void> {
    const pending = await this.deps.store.pendingVersion(file.id, tx);
    if (!pending) return;
    if (pending.reviewStatus === 'in_review')
      throw new FileLibraryError({
        code: 'version_in_review',
        reference: file.reference,
        label: pending.version.label,
      });
    await this.deps.store.setVersionStatus(pending.version.id, 'rejected', tx);
  }

  private async startReview(
    actor: FilePerson,
    file: StoredFile,
    version: { label: string; changeNote: string; originalName: string },
    previous: StoredVersion | undefined,
    tx: Tx,
  ): Promise<{ instanceId: number; reference: string }> {
    if (!this.deps.reviews) throw new Error('the file library was built without its review engine');
    return this.deps.reviews.start(tx, {
      requester: actor,
      departmentId: file.departmentId ?? actor.departmentId,
      values: reviewValues(file, version, previous?.label ?? null),
      idempotencyKey: `file-version:${file.reference}:${version.label}:${randomUUID()}`,
    });
  }

  /**
   * Queues a DM for everyone who downloaded a superseded version and may still read the file
   * (decided now, and again when each DM is sent), but not for whoever uploaded the new one.
   */
  private async tellEarlierDownloaders(file: StoredFile, version: StoredVersion, tx: Tx): Promise<number> {
    const { store } = this.deps;
    const notices = [];
    for (const personId of await store.earlierDownloaders(file.id, tx)) {
      if (personId === version.uploadedByPersonId) continue;
      const person = await store.person(personId, tx);
      if (!person?.slackUserId || person.status !== 'active') continue;
      if (!mayRead(await this.accessOf(person, file, tx))) continue;
      notices.push({ fileId: file.id, versionId: version.id, personId, slackUserId: person.slackUserId });
    }
    return notices.length ? store.queueNewVersionNotices(notices, tx) : 0;
  }

  /**
   * Whether this person may read the file now (the "new version" DM checks again at send time).
   */
  async mayReadNow(personId: number, reference: string): Promise<boolean> {
    const person = await this.deps.store.person(personId);
    const file = await this.deps.store.file(normaliseReference(reference));
    if (person?.status !== 'active' || !file) return false;
    return mayRead(await this.accessOf(person, file));
  }

  /**
   * What a "new current version" DM shows, decided when it is sent: nothing when the person may
   * no longer read the file, or the version is no longer current (a newer one has its own DM).
   */
  async newVersionToTell(subject: NewVersionSubject): Promise<FileWithVersion | null> {
    const { store } = this.deps;
    const [person, file] = await Promise.all([
      store.person(subject.personId),
      store.fileById(subject.fileId),
    ]);
    if (person?.status !== 'active' || !file) return null;
    if (!mayRead(await this.accessOf(person, file))) return null;
    const version = (await store.versions(file.id)).find((row) => row.id === subject.versionId);
    return version?.status === 'current' ? { file, version } : null;
  }

  /** The Slack ids of these people (to name who can grant access), in order, skipping the unknown. */
  async slackIdsOf(personIds: readonly number[]): Promise<string[]> {
    const people = await Promise.all(personIds.map((id) => this.deps.store.person(id)));
    return people.flatMap((person) => (person?.slackUserId ? [person.slackUserId] : []));
  }

  /** Takes the bytes in, runs `work`, and removes the bytes again if `work` fails. */
  private async withContent<T>(
    source: UploadSource,
    work: (content: StoredContent) => Promise<T>,
  ): Promise<T> {
    const key = `v/${randomUUID()}`;
    let content: StoredContent;
    try {
      content = await takeInUpload(source.open(), source.name, key, {
        ...this.deps.settings.intake,
        store: this.deps.contents,
      });
    } catch (error) {
      if (error instanceof IntakeRefused)
        throw new FileLibraryError({ code: 'upload_refused', refusal: error.refusal });
      throw error;
    }
    try {
      return await work(content);
    } catch (error) {
      await this.deps.contents.remove(key);
      throw error;
    }
  }

  private async activeActor(actorId: number, tx?: Tx): Promise<FilePerson> {
    const actor = await this.deps.store.person(actorId, tx);
    if (!actor) throw new FileLibraryError({ code: 'not_registered' });
    if (actor.status !== 'active') throw new FileLibraryError({ code: 'suspended' });
    return actor;
  }

  private async accessOf(actor: FilePerson, file: StoredFile, tx?: Tx): Promise<FileAccess> {
    const facts = await this.deps.store.departmentFacts(file.departmentId, actor.departmentId, tx);
    const channels = file.scope.channelIds.length ? await this.deps.memberChannels(actor) : new Set<string>();
    const mayViewRequest =
      file.workflowInstanceId !== null && this.deps.requestVisibility
        ? await this.deps.requestVisibility(actor, file.workflowInstanceId)
        : false;
    return fileAccess(actor, file, {
      owningDepartmentHeadIds: new Set(facts.headIds),
      readerDepartmentLine: facts.readerLine,
      readerChannelIds: channels,
      mayViewRequest,
    });
  }

  /** The file if `actor` has at least `level`; otherwise the refusal access decided. */
  private async requireAccess(
    actor: FilePerson,
    file: StoredFile | null,
    reference: string,
    level: 'metadata' | 'reader' | 'owner',
    tx?: Tx,
  ) {
    if (!file) throw new FileLibraryError({ code: 'not_found', reference });
    const access = await this.accessOf(actor, file, tx);
    if (access.level === 'owner' || (access.level === 'reader' && level !== 'owner')) return file;
    if (access.level === 'metadata' && level === 'metadata') return file;
    if (access.level === 'reader')
      throw new FileLibraryError({ code: 'not_owner', reference: file.reference });
    if (access.level === 'metadata') {
      // A supervisor outside the scope: the file's details, never its bytes or a change.
      if (level === 'owner') throw new FileLibraryError({ code: 'not_owner', reference: file.reference });
      const facts = await this.deps.store.departmentFacts(file.departmentId, null, tx);
      const grantorIds = [...new Set([file.ownerPersonId, ...facts.headIds])];
      throw new FileLibraryError({ code: 'not_in_scope', reference: file.reference, grantorIds });
    }
    switch (access.reason) {
      case 'not_in_scope': {
        const facts = await this.deps.store.departmentFacts(file.departmentId, null, tx);
        const grantorIds = [...new Set([file.ownerPersonId, ...facts.headIds])];
        throw new FileLibraryError({ code: 'not_in_scope', reference: file.reference, grantorIds });
      }
      case 'withdrawn':
        throw new FileLibraryError({ code: 'withdrawn', reference: file.reference });
      case 'suspended':
        throw new FileLibraryError({ code: 'suspended' });
      default:
        throw new FileLibraryError({ code: 'not_found', reference });
    }
  }

  private async fileFor(
    actor: FilePerson,
    reference: string,
    level: 'metadata' | 'reader' | 'owner',
  ): Promise<StoredFile> {
    return this.requireAccess(
      actor,
      await this.deps.store.file(normaliseReference(reference)),
      reference,
      level,
    );
  }

  private async lockedFor(
    actor: FilePerson,
    reference: string,
    level: 'reader' | 'owner',
    tx: Tx,
  ): Promise<StoredFile> {
    const file = await this.deps.store.lockFile(normaliseReference(reference), tx);
    return this.requireAccess(actor, file, reference, level, tx);
  }

  private year(): number {
    const year = new Intl.DateTimeFormat('en', {
      timeZone: this.deps.settings.timeZone,
      year: 'numeric',
    }).format(this.deps.clock());
    return Number(year);
  }

  private auditEntry(
    actor: FilePerson,
    action: string,
    file: StoredFile,
    change: { before?: unknown; after?: unknown },
  ) {
    return {
      actor: actor.slackUserId ?? `person:${actor.id}`,
      action,
      subjectType: 'file',
      subjectId: file.reference,
      ...change,
    };
  }
}

/**
 * The label a new version must exceed: the highest ever given, rejected ones included (a label
 * names one content for good, so a rejected 2.0 is followed by 2.1, not by another 2.0).
 */
function highestLabel(versions: readonly StoredVersion[]): string | null {
  let highest: { label: string; numbers: number[] } | null = null;
  for (const version of versions) {
    const numbers = parseVersionLabel(version.label) ?? [0];
    if (!highest || compareVersionNumbers(numbers, highest.numbers) > 0)
      highest = { label: version.label, numbers };
  }
  return highest?.label ?? null;
}

/** `file-2026-0042` and ` FILE-2026-0042 ` are the same reference. */
export const normaliseReference = (reference: string) => reference.trim().toUpperCase();

function searchFields(details: { title: string; abstract: string; keywords: string[] }) {
  return {
    searchGrams: indexGrams(details.title, details.abstract, ...details.keywords),
    searchText: normaliseSearchText([details.title, details.abstract, ...details.keywords].join('\n')),
  };
}

/** What the audit log keeps of a file: its descriptive fields and scope, never its bytes. */
function auditView(file: StoredFile, version?: StoredVersion) {
  return {
    title: file.title,
    keywords: file.keywords,
    categoryId: file.categoryId,
    departmentId: file.departmentId,
    confidentiality: file.confidentiality,
    status: file.status,
    scope: file.scope,
    ...(version ? { version: version.label, sha256: version.sha256, size: version.sizeBytes } : {}),
  };
}
