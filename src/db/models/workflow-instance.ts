import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { FormValues, InstanceStatus, StoredRoute } from '../../domain/workflows/model';

/** A request: the current revision's form and route; workflow_revisions keeps every revision. */
export class WorkflowInstance extends Model<
  InferAttributes<WorkflowInstance>,
  InferCreationAttributes<WorkflowInstance>
> {
  declare id: CreationOptional<number>;
  declare reference: string;
  declare templateId: number;
  declare templateKey: string;
  declare requesterPersonId: number | null;
  declare requesterSlackId: string;
  declare requesterName: string;
  declare departmentId: number | null;
  declare status: InstanceStatus;
  declare revision: CreationOptional<number>;
  declare currentStep: number | null;
  declare form: FormValues;
  declare route: StoredRoute;
  declare participantPersonIds: CreationOptional<number[]>;
  declare searchText: CreationOptional<string>;
  declare documentNumber: CreationOptional<string | null>;
  declare cardChannel: CreationOptional<string | null>;
  declare cardTs: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare decidedAt: CreationOptional<Date | null>;

  static initModel(sequelize: Sequelize): void {
    WorkflowInstance.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        reference: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        templateId: { type: DataTypes.INTEGER, allowNull: false },
        templateKey: { type: DataTypes.STRING(64), allowNull: false },
        requesterPersonId: { type: DataTypes.INTEGER, allowNull: true },
        requesterSlackId: { type: DataTypes.STRING(32), allowNull: false },
        requesterName: { type: DataTypes.STRING(200), allowNull: false },
        departmentId: { type: DataTypes.INTEGER, allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        currentStep: { type: DataTypes.INTEGER, allowNull: true },
        form: { type: DataTypes.JSONB, allowNull: false },
        route: { type: DataTypes.JSONB, allowNull: false },
        participantPersonIds: {
          type: DataTypes.ARRAY(DataTypes.INTEGER),
          allowNull: false,
          defaultValue: [],
        },
        searchText: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        documentNumber: { type: DataTypes.STRING(32), allowNull: true, unique: true },
        cardChannel: { type: DataTypes.STRING(32), allowNull: true },
        cardTs: { type: DataTypes.STRING(32), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
        decidedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize, tableName: 'workflow_instances', underscored: true },
    );
  }
}
