import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { FormValues, InstanceStatus, StoredRoute } from '../../domain/workflows/model';

/** The form and route of one submission of a request; kept when the request is resubmitted. */
export class WorkflowRevision extends Model<
  InferAttributes<WorkflowRevision>,
  InferCreationAttributes<WorkflowRevision>
> {
  declare instanceId: number;
  declare revision: number;
  declare form: FormValues;
  declare route: StoredRoute;
  declare submittedAt: CreationOptional<Date>;
  declare outcome: CreationOptional<InstanceStatus | null>;

  static initModel(sequelize: Sequelize): void {
    WorkflowRevision.init(
      {
        instanceId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        revision: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        form: { type: DataTypes.JSONB, allowNull: false },
        route: { type: DataTypes.JSONB, allowNull: false },
        submittedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
        outcome: { type: DataTypes.STRING(16), allowNull: true },
      },
      { sequelize, tableName: 'workflow_revisions', underscored: true, timestamps: false },
    );
  }
}
