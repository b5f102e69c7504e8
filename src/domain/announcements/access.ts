import type { PersonRecord } from '../org/model';
import { isAdmin, isSupervisor } from '../workflows/actors';
import { AnnouncementError } from './announcement-errors';
import type { AnnouncementRow } from './model';

/**
 * Who may do what with an announcement. A restricted item (audience: departments) is invisible to
 * everyone outside its audience: what they are told about it is what they would be told about a
 * reference that does not exist.
 */

/** Its author or an admin: may edit, withdraw, see who acknowledged, chase. */
export function mayManage(person: PersonRecord, announcement: AnnouncementRow): boolean {
  return announcement.authorPersonId === person.id || isAdmin(person);
}

/** Addressed to this person: everyone's, or one of their department's. */
export const inAudience = (person: PersonRecord, row: AnnouncementRow) =>
  row.audience !== 'departments' ||
  (person.departmentId !== null && row.audienceDepartmentIds.includes(person.departmentId));

/**
 * Published for the reader's audience, or theirs, or the reader is an admin; the supervision group
 * reads every item (any audience, any state) and manages none.
 */
export function maySee(person: PersonRecord, row: AnnouncementRow): boolean {
  if (mayManage(person, row) || isSupervisor(person)) return true;
  return row.status === 'published' && inAudience(person, row);
}

/** Hidden from this person: a restricted item outside their audience that they do not manage. */
export const hiddenFrom = (person: PersonRecord, row: AnnouncementRow) =>
  !mayManage(person, row) && !inAudience(person, row);

/** The author or an admin; someone the item is hidden from is told it does not exist. */
export function requireManager(person: PersonRecord, row: AnnouncementRow): void {
  if (mayManage(person, row)) return;
  if (hiddenFrom(person, row)) throw new AnnouncementError('not_found', { reference: String(row.id) });
  throw new AnnouncementError('not_author');
}
