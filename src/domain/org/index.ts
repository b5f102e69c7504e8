import type { AuditLog } from '../audit/audit.service';
import { createOrgAdmin } from './org-admin.service';
import { createOrgImport } from './org-import.service';
import type { OrgStore } from './store';

/**
 * The org directory's changes, built once by the composition root from the store and the audit
 * log: admin changes (org-admin.service.ts), the bootstrap admins and the org file import.
 * Reads are in directory.service.ts.
 */
export type OrgService = ReturnType<typeof createOrgService>;

export function createOrgService(deps: { store: OrgStore; audit: AuditLog }) {
  return { ...createOrgAdmin(deps), ...createOrgImport(deps) };
}
