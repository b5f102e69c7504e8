import type { Sequelize } from 'sequelize';
import { AuditEntry } from './audit-entry';
import { Department } from './department';
import { Person } from './person';
import { initWorkflowModels } from './workflow-models';

export * from './workflow-models';
export { AuditEntry, Department, Person };

export function initModels(sequelize: Sequelize): void {
  Person.initModel(sequelize);
  Department.initModel(sequelize);
  AuditEntry.initModel(sequelize);
  initWorkflowModels(sequelize);
}
