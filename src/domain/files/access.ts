import type { FileAccessFacts, FileReader, FileScope } from './model';

/**
 * Who may do what with a library file, decided on the server at every click.
 *
 * - Owners (the uploader, the heads of the owning department, admins) manage it: new version,
 *   details, scope, withdraw; they always see it, withdrawn or not.
 * - Everyone else reads (finds, downloads) an active file when its scope includes them. Guests
 *   only when named. Suspended accounts read nothing.
 * - Someone outside the scope of an internal or public file is told it is restricted and who can
 *   grant access; a confidential file outside their scope is, to them, a file that does not exist.
 * - A request's attachment (a file with a workflow instance) is read by whoever may view that
 *   request (its requester, approvers of every step with their delegates and escalation targets,
 *   CC, admins: the workflow engine decides) and managed by its uploader and admins only; to
 *   anyone else it does not exist, whatever its scope, so a forged click reveals nothing.
 */
export type FileAccess =
  | { level: 'owner' }
  | { level: 'reader' }
  /** The supervision group outside the file's scope: its metadata, versions and audit, not its bytes. */
  | { level: 'metadata' }
  | { level: 'none'; reason: 'suspended' | 'withdrawn' | 'not_in_scope' | 'not_found' };

export interface ReaderContext {
  /** Heads of the file's owning department. */
  owningDepartmentHeadIds: ReadonlySet<number>;
  /** The reader's department and every department above it. */
  readerDepartmentLine: readonly number[];
  /** The scope's channels the reader is a member of (looked up in Slack by the caller). */
  readerChannelIds: ReadonlySet<string>;
  /** For a request's attachment: whether the reader may view that request (RequestVisibility). */
  mayViewRequest?: boolean;
}

export function fileAccess(reader: FileReader, file: FileAccessFacts, context: ReaderContext): FileAccess {
  if (reader.status !== 'active') return { level: 'none', reason: 'suspended' };
  if (isOwner(reader, file, context)) return { level: 'owner' };
  const supervises = reader.roles.includes('supervisor');
  if (isAttachment(file)) {
    if (!context.mayViewRequest) return { level: 'none', reason: 'not_found' };
    return file.status === 'active' ? { level: 'reader' } : { level: 'none', reason: 'withdrawn' };
  }
  if (!inScope(reader, file.scope, context)) {
    if (supervises) return { level: 'metadata' };
    return { level: 'none', reason: file.confidentiality === 'confidential' ? 'not_found' : 'not_in_scope' };
  }
  if (file.status !== 'active')
    return supervises ? { level: 'metadata' } : { level: 'none', reason: 'withdrawn' };
  return { level: 'reader' };
}

/** May have the bytes (download). */
export const mayRead = (access: FileAccess) => access.level === 'owner' || access.level === 'reader';

const isAttachment = (file: FileAccessFacts) =>
  file.workflowInstanceId !== undefined && file.workflowInstanceId !== null;

function isOwner(reader: FileReader, file: FileAccessFacts, context: ReaderContext): boolean {
  return (
    reader.roles.includes('admin') ||
    reader.id === file.ownerPersonId ||
    // A request's attachment is the requester's: a head reads it by viewing the request.
    (!isAttachment(file) && context.owningDepartmentHeadIds.has(reader.id))
  );
}

function inScope(reader: FileReader, scope: FileScope, context: ReaderContext): boolean {
  if (scope.personIds.includes(reader.id)) return true;
  // A guest is given a file by name only.
  if (reader.roles.includes('guest')) return false;
  if (scope.everyone) return true;
  if (reader.departmentId !== null) {
    const line = scope.includeSubDepartments ? context.readerDepartmentLine : [reader.departmentId];
    if (line.some((id) => scope.departmentIds.includes(id))) return true;
  }
  return scope.channelIds.some((id) => context.readerChannelIds.has(id));
}

export type ScopeProblem = { code: 'confidential_to_everyone' };

/** A scope the file's level allows, or why not. */
export function scopeProblem(
  confidentiality: FileAccessFacts['confidentiality'],
  scope: FileScope,
): ScopeProblem | null {
  if (confidentiality === 'confidential' && scope.everyone) return { code: 'confidential_to_everyone' };
  return null;
}
