import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';

/**
 * A person's delegate for a range of days (both ends included, in the absent person's time zone).
 * Ending one early sets `endedAt`; rows are kept for the history of who covered for whom.
 */
export class Delegation extends Model<InferAttributes<Delegation>, InferCreationAttributes<Delegation>> {
  declare id: CreationOptional<number>;
  declare personId: number;
  declare delegatePersonId: number;
  /** YYYY-MM-DD (DATE columns, read as strings). */
  declare startDate: string;
  declare endDate: string;
  declare note: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare endedAt: CreationOptional<Date | null>;
  declare endedBySlackId: CreationOptional<string | null>;

  static initModel(sequelize: Sequelize): void {
    Delegation.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        personId: { type: DataTypes.INTEGER, allowNull: false },
        delegatePersonId: { type: DataTypes.INTEGER, allowNull: false },
        startDate: { type: DataTypes.DATEONLY, allowNull: false },
        endDate: { type: DataTypes.DATEONLY, allowNull: false },
        note: { type: DataTypes.TEXT, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
        endedAt: { type: DataTypes.DATE, allowNull: true },
        endedBySlackId: { type: DataTypes.STRING(32), allowNull: true },
      },
      { sequelize, tableName: 'delegations', underscored: true },
    );
  }
}
