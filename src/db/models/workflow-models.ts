import type { Sequelize } from 'sequelize';
import { Delegation } from './delegation';
import { HolidayRow } from './holiday';
import { OutboxEntry } from './outbox-entry';
import { ReferenceCounter } from './reference-counter';
import { WorkflowEvent } from './workflow-event';
import { WorkflowIdempotencyKey } from './workflow-idempotency-key';
import { WorkflowInstance } from './workflow-instance';
import { WorkflowRevision } from './workflow-revision';
import { WorkflowTask } from './workflow-task';
import { WorkflowTemplate } from './workflow-template';

/** The workflow engine's models, registered by index.ts with the others. */
export {
  Delegation,
  HolidayRow,
  OutboxEntry,
  ReferenceCounter,
  WorkflowEvent,
  WorkflowIdempotencyKey,
  WorkflowInstance,
  WorkflowRevision,
  WorkflowTask,
  WorkflowTemplate,
};

export function initWorkflowModels(sequelize: Sequelize): void {
  WorkflowTemplate.initModel(sequelize);
  WorkflowInstance.initModel(sequelize);
  WorkflowRevision.initModel(sequelize);
  WorkflowTask.initModel(sequelize);
  WorkflowEvent.initModel(sequelize);
  OutboxEntry.initModel(sequelize);
  HolidayRow.initModel(sequelize);
  ReferenceCounter.initModel(sequelize);
  WorkflowIdempotencyKey.initModel(sequelize);
  Delegation.initModel(sequelize);
}
