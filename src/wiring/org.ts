import { auditStore } from '../db/stores/audit.store';
import { orgStore } from '../db/stores/org.store';
import { createAuditLog } from '../domain/audit/audit.service';
import { createOrgService, type OrgService } from '../domain/org';

/** The org directory's changes over the database store (main.ts, the org-import CLI, tests). */
export function createOrg(): OrgService {
  return createOrgService({ store: orgStore, audit: createAuditLog(auditStore) });
}
