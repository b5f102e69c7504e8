import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';

/** A public holiday: not a working day when leave is counted. */
export class HolidayRow extends Model<InferAttributes<HolidayRow>, InferCreationAttributes<HolidayRow>> {
  /** YYYY-MM-DD (a DATE column, read as a string). */
  declare date: string;
  declare name: string;
  declare nameZh: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    HolidayRow.init(
      {
        date: { type: DataTypes.DATEONLY, primaryKey: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        nameZh: { type: DataTypes.STRING(200), allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'holidays', underscored: true, updatedAt: false },
    );
  }
}
