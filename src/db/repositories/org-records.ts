import type { PersonStatus, Role } from '../../domain/org/roles';

/**
 * The directory's rows as the repositories hand them out: plain data, in a leaf module so that the
 * model and the people cache can name them without importing the repository.
 */
export interface PersonRecord {
  id: number;
  slackUserId: string | null;
  email: string | null;
  name: string;
  departmentId: number | null;
  position: string | null;
  contact: string | null;
  roles: Role[];
  status: PersonStatus;
  locale: string | null;
  timezone: string | null;
}

export interface DepartmentRecord {
  id: number;
  key: string;
  name: string;
  nameZh: string | null;
  parentId: number | null;
  headPersonId: number | null;
}
