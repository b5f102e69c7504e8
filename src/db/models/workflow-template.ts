import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { TemplateDefinition } from '../../domain/workflows/template-schema';

/** One immutable version of a workflow template. */
export class WorkflowTemplate extends Model<
  InferAttributes<WorkflowTemplate>,
  InferCreationAttributes<WorkflowTemplate>
> {
  declare id: CreationOptional<number>;
  declare key: string;
  declare version: number;
  declare definition: TemplateDefinition;
  declare checksum: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WorkflowTemplate.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        key: { type: DataTypes.STRING(64), allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false },
        definition: { type: DataTypes.JSONB, allowNull: false },
        checksum: { type: DataTypes.CHAR(64), allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'workflow_templates', underscored: true, updatedAt: false },
    );
  }
}
