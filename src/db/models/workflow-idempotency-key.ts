import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';

/** A submission's idempotency key, per actor: a retried submission finds the first request. */
export class WorkflowIdempotencyKey extends Model<
  InferAttributes<WorkflowIdempotencyKey>,
  InferCreationAttributes<WorkflowIdempotencyKey>
> {
  declare actorSlackId: string;
  declare key: string;
  declare instanceId: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WorkflowIdempotencyKey.init(
      {
        actorSlackId: { type: DataTypes.STRING(32), primaryKey: true },
        key: { type: DataTypes.STRING(255), primaryKey: true },
        instanceId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'workflow_idempotency_keys', underscored: true, updatedAt: false },
    );
  }
}
