import type { PersonStatus, Role } from '../org/model';

/** How secret a file is. Confidential files are never shared with everyone. */
export const CONFIDENTIALITY_LEVELS = ['public', 'internal', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

/** Withdrawn files keep every version and their history; only their owners still see them. */
export const FILE_STATUSES = ['active', 'withdrawn'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/**
 * Who may find and download a file besides its owners. The parts add up: everyone (registered
 * employees, never guests), departments (with their sub-departments when asked), named people
 * (the only way a guest is given a file), and the members of channels.
 */
export interface FileScope {
  everyone: boolean;
  departmentIds: readonly number[];
  includeSubDepartments: boolean;
  personIds: readonly number[];
  channelIds: readonly string[];
}

export const PRIVATE_SCOPE: FileScope = {
  everyone: false,
  departmentIds: [],
  includeSubDepartments: false,
  personIds: [],
  channelIds: [],
};

/** What the access rules need to know about a file. */
export interface FileAccessFacts {
  ownerPersonId: number;
  departmentId: number | null;
  confidentiality: Confidentiality;
  status: FileStatus;
  scope: FileScope;
  /** The request the file is an attachment of (docs/files-attachments.md), if any. */
  workflowInstanceId?: number | null;
}

/** What the access rules need to know about the person asking. */
export interface FileReader {
  id: number;
  roles: readonly Role[];
  status: PersonStatus;
  departmentId: number | null;
}
