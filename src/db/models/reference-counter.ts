import {
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';

/** The last number given per scope (a reference or document-number prefix) and year. */
export class ReferenceCounter extends Model<
  InferAttributes<ReferenceCounter>,
  InferCreationAttributes<ReferenceCounter>
> {
  declare scope: string;
  declare year: number;
  declare value: number;

  static initModel(sequelize: Sequelize): void {
    ReferenceCounter.init(
      {
        scope: { type: DataTypes.STRING(32), primaryKey: true },
        year: { type: DataTypes.INTEGER, primaryKey: true },
        value: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'reference_counters', underscored: true, timestamps: false },
    );
  }
}
