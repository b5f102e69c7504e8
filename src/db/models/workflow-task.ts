import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { AutoHandling, TaskStatus } from '../../domain/workflows/model';

/** One approver's part in one step of one revision of a request. */
export class WorkflowTask extends Model<
  InferAttributes<WorkflowTask>,
  InferCreationAttributes<WorkflowTask>
> {
  declare id: CreationOptional<number>;
  declare instanceId: number;
  declare revision: number;
  declare stepIndex: number;
  declare assigneePersonId: number;
  declare onBehalfOfPersonId: number | null;
  /** The delegation (while away) the task went through; null for a transfer or a direct assignment. */
  declare delegationId: CreationOptional<number | null>;
  declare status: CreationOptional<TaskStatus>;
  declare decidedAt: CreationOptional<Date | null>;
  declare comment: CreationOptional<string | null>;
  declare dueAt: CreationOptional<Date | null>;
  declare remindersSent: CreationOptional<number>;
  declare escalatedAt: CreationOptional<Date | null>;
  declare nudgedAt: CreationOptional<Date | null>;
  declare autoHandling: CreationOptional<AutoHandling | null>;
  declare cardChannel: CreationOptional<string | null>;
  declare cardTs: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WorkflowTask.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        instanceId: { type: DataTypes.INTEGER, allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false },
        stepIndex: { type: DataTypes.INTEGER, allowNull: false },
        assigneePersonId: { type: DataTypes.INTEGER, allowNull: false },
        onBehalfOfPersonId: { type: DataTypes.INTEGER, allowNull: true },
        delegationId: { type: DataTypes.INTEGER, allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
        decidedAt: { type: DataTypes.DATE, allowNull: true },
        comment: { type: DataTypes.TEXT, allowNull: true },
        dueAt: { type: DataTypes.DATE, allowNull: true },
        remindersSent: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        escalatedAt: { type: DataTypes.DATE, allowNull: true },
        nudgedAt: { type: DataTypes.DATE, allowNull: true },
        autoHandling: { type: DataTypes.JSONB, allowNull: true },
        cardChannel: { type: DataTypes.STRING(32), allowNull: true },
        cardTs: { type: DataTypes.STRING(32), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'workflow_tasks', underscored: true },
    );
  }
}
