import type { InferAttributes } from 'sequelize';
import type { WorkflowEvent, WorkflowRevision, WorkflowTask, WorkflowTemplate } from '../models';
import { WorkflowInstance } from '../models';

/** The workflow engine's rows as the repositories hand them out (plain objects, the models' shapes). */
export type TemplateRecord = InferAttributes<WorkflowTemplate>;
export type InstanceRecord = InferAttributes<WorkflowInstance>;
export type RevisionRecord = InferAttributes<WorkflowRevision>;
export type TaskRecord = InferAttributes<WorkflowTask>;
export type EventRecord = InferAttributes<WorkflowEvent>;

type Plain = { get(options: { plain: true }): unknown };
export const plain = <T>(row: Plain): T => row.get({ plain: true }) as T;
export const plainAll = <T>(rows: Plain[]): T[] => rows.map((row) => plain<T>(row));

export const workflowSequelize = () => {
  const instance = WorkflowInstance.sequelize;
  if (!instance) throw new Error('models are not initialised: call createSequelize() first');
  return instance;
};
