import type { AuditLog } from '../audit/audit.service';
import { createDirectory } from './directory.service';
import { createOrgAdmin } from './org-admin.service';
import { createOrgImport } from './org-import.service';
import type { OrgStore } from './store';

/**
 * The org directory, built once by the composition root from the store and the audit log: its
 * reads (directory.service.ts), admin changes and the bootstrap admins (org-admin.service.ts), and
 * the org file import (org-import.service.ts).
 */
export type OrgService = ReturnType<typeof createOrgService>;

export function createOrgService(deps: { store: OrgStore; audit: AuditLog }) {
  return { ...createDirectory(deps.store), ...createOrgAdmin(deps), ...createOrgImport(deps) };
}
