import type { AuditRow } from '../audit/model';
import type { Tx } from '../tx';
import type { FileAccessFacts, FileReader, FileStatus } from './model';
import type { NewVersionNotice } from './notice-types';

/** What the file library needs from the database; db/repositories/file-library.repository.ts. */

export interface StoredFile extends FileAccessFacts {
  id: number;
  reference: string;
  title: string;
  abstract: string;
  keywords: string[];
  categoryId: number | null;
  departmentId: number | null;
  workflowInstanceId: number | null;
  createdAt: Date;
  updatedAt: Date;
  withdrawnAt: Date | null;
}

export type VersionStatus = 'in_review' | 'current' | 'superseded' | 'rejected';

export interface StoredVersion {
  id: number;
  fileId: number;
  label: string;
  changeNote: string;
  originalName: string;
  kind: string;
  sizeBytes: number;
  sha256: string;
  storageBackend: 'postgres' | 's3';
  contentKey: string;
  uploadedByPersonId: number;
  status: VersionStatus;
  /** The `file_version` review of a version of an important file (null when none was needed). */
  reviewInstanceId: number | null;
  createdAt: Date;
  purgedAt: Date | null;
  purgeReason: string | null;
}

export interface FileCategory {
  id: number;
  /** What people type (`category:contracts`, `parent:contracts`): lower-case letters, digits, - and _. */
  key: string;
  parentId: number | null;
  name: string;
  important: boolean;
}

export interface FileDepartment {
  id: number;
  key: string;
  name: string;
  nameZh: string | null;
  parentId: number | null;
}

export interface FilePerson extends FileReader {
  slackUserId: string | null;
  displayName: string;
}

export type NewFile = Omit<StoredFile, 'id' | 'status' | 'createdAt' | 'updatedAt' | 'withdrawnAt'> & {
  searchGrams: string[];
  searchText: string;
};

export type NewVersion = Omit<StoredVersion, 'id' | 'createdAt' | 'purgedAt' | 'purgeReason'>;

export type FileChanges = Partial<
  Pick<
    NewFile,
    'title' | 'abstract' | 'keywords' | 'categoryId' | 'departmentId' | 'confidentiality' | 'scope'
  > &
    Pick<NewFile, 'searchGrams' | 'searchText'> & { status: FileStatus; withdrawnByPersonId: number | null }
>;

export interface FileSearch {
  reader: FilePerson;
  /** The reader's department and every department above it. */
  readerDepartmentLine: readonly number[];
  /** Channels the reader is a member of (for files shared with channels). */
  readerChannelIds: readonly string[];
  terms: ReadonlyArray<{ text: string; grams: string[] }>;
  categoryIds?: readonly number[];
  departmentId?: number;
  kinds?: readonly string[];
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** An audit row as the library writes it (the request id is attached by the store). */
export type AuditEntry = Omit<AuditRow, 'requestId'>;

export interface FileStore {
  inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  nextReference(year: number, tx: Tx): Promise<string>;
  person(id: number, tx?: Tx): Promise<FilePerson | null>;
  /** Heads of `departmentId`, and the line from the reader's department to the top. */
  departmentFacts(
    departmentId: number | null,
    readerDepartmentId: number | null,
    tx?: Tx,
  ): Promise<{ headIds: number[]; readerLine: number[]; departmentExists: boolean }>;
  category(id: number, tx?: Tx): Promise<FileCategory | null>;
  categories(): Promise<FileCategory[]>;
  addCategory(category: Omit<FileCategory, 'id'>, tx: Tx): Promise<FileCategory>;
  /** Removes a category with no sub-categories; its files keep no category (ON DELETE SET NULL). */
  removeCategory(id: number, tx: Tx): Promise<void>;
  /** Every department, for pickers and `dept:` filters. */
  departments(): Promise<FileDepartment[]>;
  insertFile(file: NewFile, tx: Tx): Promise<StoredFile>;
  /** The file, its row locked until the transaction ends. */
  lockFile(reference: string, tx: Tx): Promise<StoredFile | null>;
  file(reference: string): Promise<StoredFile | null>;
  fileById(id: number): Promise<StoredFile | null>;
  updateFile(id: number, changes: FileChanges, tx: Tx): Promise<StoredFile>;
  insertVersion(version: NewVersion, tx: Tx): Promise<StoredVersion>;
  versions(fileId: number, tx?: Tx): Promise<StoredVersion[]>;
  supersedeCurrent(fileId: number, tx: Tx): Promise<void>;
  markPurged(versionId: number, byPersonId: number, reason: string, tx: Tx): Promise<void>;
  recordDownload(entry: { fileId: number; versionId: number; personId: number }, tx: Tx): Promise<void>;
  /** People who downloaded a superseded version of the file (told when a new one is current). */
  earlierDownloaders(fileId: number, tx: Tx): Promise<number[]>;
  setVersionStatus(versionId: number, status: VersionStatus, tx: Tx): Promise<void>;
  /** The version a `file_version` review is for, and its file, both locked. */
  versionOfReview(instanceId: number, tx: Tx): Promise<{ file: StoredFile; version: StoredVersion } | null>;
  /** The file's version in review, if any, and the status of its review request. */
  pendingVersion(
    fileId: number,
    tx: Tx,
  ): Promise<{ version: StoredVersion; reviewStatus: string | null } | null>;
  /** Whether the person has (or had) a task on the review request: the reviewer may download it. */
  isReviewer(instanceId: number, personId: number, tx?: Tx): Promise<boolean>;
  /** Queues the "new current version" DMs on the fan-out; returns how many were new. */
  queueNewVersionNotices(notices: readonly NewVersionNotice[], tx: Tx): Promise<number>;
  audit(entries: readonly AuditEntry[], tx: Tx): Promise<void>;
  search(query: FileSearch): Promise<{ files: StoredFile[]; total: number }>;
}
