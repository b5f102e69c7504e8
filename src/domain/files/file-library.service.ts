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
import { type FileAccess, fileAccess, scopeProblem } from './access';
import { FileLibraryError } from './file-errors';
import { checkDetails, checkVersion, type DetailsInput, type FieldProblems } from './file-fields';
import type { FileScope } from './model';
import { indexGrams, normaliseSearchText, queryTerms } from './search-grams';
import type { FilePerson, FileStore, StoredFile, StoredVersion } from './store';

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
}

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

  /** A new version under the same reference; the label must be greater than the current one. */
  async newVersion(
    actorId: number,
    reference: string,
    input: { label: string; changeNote: string; source: UploadSource },
  ): Promise<FileWithVersion & { earlierDownloaders: number[] }> {
    const { store } = this.deps;
    const actor = await this.activeActor(actorId);
    const before = await this.fileFor(actor, reference, 'owner');
    const current = (await store.versions(before.id)).find((version) => version.status === 'current');
    const problems: FieldProblems = {};
    const version = checkVersion(input, current?.label ?? null, problems);
    if (!version) throw new FileLibraryError({ code: 'invalid', fields: problems });
    return this.withContent(input.source, async (content) =>
      store.inTransaction(async (tx) => {
        const file = await this.lockedFor(actor, reference, 'owner', tx);
        // Checked again under the lock: another new version may have landed meanwhile.
        const latest = (await store.versions(file.id, tx)).find((row) => row.status === 'current');
        const again = checkVersion(input, latest?.label ?? null, problems);
        if (!again) throw new FileLibraryError({ code: 'invalid', fields: problems });
        await store.supersedeCurrent(file.id, tx);
        const stored = await this.insertVersion(file, actor, again, input.source.name, content, tx);
        const touched = await store.updateFile(file.id, {}, tx);
        await store.audit(
          [
            this.auditEntry(actor, 'file.version_added', file, {
              before: latest?.label,
              after: auditView(file, stored),
            }),
          ],
          tx,
        );
        const earlierDownloaders = (await store.earlierDownloaders(file.id, tx)).filter(
          (id) => id !== actor.id,
        );
        return { file: touched, version: stored, earlierDownloaders };
      }),
    );
  }

  /** The bytes of the current version (or of `label`), after the right to read is checked. */
  async download(actorId: number, reference: string, label?: string): Promise<Download> {
    const { store, contents } = this.deps;
    const actor = await this.activeActor(actorId);
    return store.inTransaction(async (tx) => {
      const file = await this.lockedFor(actor, reference, 'reader', tx);
      const versions = await store.versions(file.id, tx);
      const version = label
        ? versions.find((row) => row.label === label.trim())
        : versions.find((row) => row.status === 'current');
      if (!version || version.status === 'in_review' || version.status === 'rejected')
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
    return { file, versions: versions.filter((row) => row.status !== 'rejected').reverse() };
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
        status: 'current',
      },
      tx,
    );
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
    return fileAccess(actor, file, {
      owningDepartmentHeadIds: new Set(facts.headIds),
      readerDepartmentLine: facts.readerLine,
      readerChannelIds: channels,
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
