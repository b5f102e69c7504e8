import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { EventKind } from '../../domain/workflows/model';

/** One line of a request's history: decisions, comments, transfers, routing fallbacks. */
export class WorkflowEvent extends Model<
  InferAttributes<WorkflowEvent>,
  InferCreationAttributes<WorkflowEvent>
> {
  // BIGSERIAL: pg returns it as a string.
  declare id: CreationOptional<string>;
  declare instanceId: number;
  declare revision: number;
  declare stepIndex: number | null;
  declare taskId: number | null;
  declare kind: EventKind;
  declare actorPersonId: number | null;
  declare actorSlackId: string | null;
  declare text: string | null;
  declare data: CreationOptional<Record<string, unknown>>;
  declare at: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WorkflowEvent.init(
      {
        id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
        instanceId: { type: DataTypes.INTEGER, allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false },
        stepIndex: { type: DataTypes.INTEGER, allowNull: true },
        taskId: { type: DataTypes.INTEGER, allowNull: true },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        actorPersonId: { type: DataTypes.INTEGER, allowNull: true },
        actorSlackId: { type: DataTypes.STRING(32), allowNull: true },
        text: { type: DataTypes.TEXT, allowNull: true },
        data: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'workflow_events', underscored: true, timestamps: false },
    );
  }
}
