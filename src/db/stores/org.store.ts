import type { Lockable, OrgStore } from '../../domain/org/store';
import {
  countActiveAdmins,
  countPeople,
  createPerson,
  findDepartmentById,
  findDepartmentByKey,
  findDepartmentsHeadedBy,
  findPersonById,
  findPersonBySlackId,
  listActiveAdmins,
  listDepartments,
  listPeopleInSlack,
  updatePerson,
} from '../repositories/org.repository';
import {
  createDepartment,
  findDepartmentsByKeysForUpdate,
  findPeopleByIdentityForUpdate,
  listDepartmentTree,
  updateDepartment,
} from '../repositories/org-import.repository';
import { sqlTransaction, transactions } from '../repositories/transaction';

const lockable = ({ tx, lock }: Lockable = {}) => (tx ? { transaction: sqlTransaction(tx), lock } : {});

/** The org domain's store over the repositories (`domain/org/store.ts`). */
export const orgStore: OrgStore = {
  ...transactions,
  findPersonBySlackId: (slackUserId, options) => findPersonBySlackId(slackUserId, lockable(options)),
  findPersonById: (id, options) => findPersonById(id, lockable(options)),
  findDepartmentByKey: (key, options) => findDepartmentByKey(key, lockable(options)),
  findDepartmentById: (id, options) => findDepartmentById(id, lockable(options)),
  listDepartments,
  findDepartmentsHeadedBy,
  listPeopleInSlack,
  listActiveAdmins,
  countActiveAdmins: (tx) => countActiveAdmins(sqlTransaction(tx)),
  countPeople,
  createPerson: (values, tx) => createPerson(values, sqlTransaction(tx)),
  updatePerson: (id, changes, tx) => updatePerson(id, changes, sqlTransaction(tx)),
  createDepartment: (values, tx) => createDepartment(values, sqlTransaction(tx)),
  updateDepartment: (id, changes, tx) => updateDepartment(id, changes, sqlTransaction(tx)),
  listDepartmentTree: (tx) => listDepartmentTree(sqlTransaction(tx)),
  findDepartmentsByKeysForUpdate: (keys, tx) => findDepartmentsByKeysForUpdate(keys, sqlTransaction(tx)),
  findPeopleByIdentityForUpdate: (identity, tx) =>
    findPeopleByIdentityForUpdate(identity, sqlTransaction(tx)),
};
