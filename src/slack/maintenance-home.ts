import type { KnownBlock } from '@slack/types';
import type { Role } from '../domain/org/model';
import type { SlackDeps } from './deps';
import type { UserContext } from './user-context';
import { HOME_ENTRIES, maintenanceHomeSection } from './views/maintenance/log.view';

/**
 * The admins' Home section "Maintenance log": the newest entries, for admins only (the roles come
 * from the directory read the Home was built with). A log that cannot be read costs the section,
 * never the Home.
 */
export async function adminMaintenanceSection(
  deps: Pick<SlackDeps, 'maintenanceLog'>,
  roles: readonly Role[],
  ctx: UserContext,
): Promise<KnownBlock[]> {
  if (!deps.maintenanceLog || !roles.includes('admin')) return [];
  try {
    const entries = await deps.maintenanceLog.latest(HOME_ENTRIES);
    return maintenanceHomeSection({ ...ctx, entries });
  } catch {
    return [];
  }
}
