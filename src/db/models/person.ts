import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { PersonStatus, Role } from '../../domain/org/model';
import { forgetPeopleAfterCommit } from '../people-cache';

export class Person extends Model<InferAttributes<Person>, InferCreationAttributes<Person>> {
  declare id: CreationOptional<number>;
  declare slackUserId: string | null;
  declare email: string | null;
  declare name: string;
  declare departmentId: number | null;
  declare position: string | null;
  declare contact: string | null;
  declare roles: CreationOptional<Role[]>;
  declare status: CreationOptional<PersonStatus>;
  declare locale: string | null;
  declare timezone: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Person.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        slackUserId: { type: DataTypes.STRING(32), allowNull: true, unique: true },
        email: { type: DataTypes.STRING(320), allowNull: true, unique: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        departmentId: { type: DataTypes.INTEGER, allowNull: true },
        position: { type: DataTypes.STRING(200), allowNull: true },
        contact: { type: DataTypes.STRING(200), allowNull: true },
        roles: { type: DataTypes.ARRAY(DataTypes.STRING(16)), allowNull: false, defaultValue: ['user'] },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
        locale: { type: DataTypes.STRING(16), allowNull: true },
        timezone: { type: DataTypes.STRING(64), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      {
        sequelize,
        tableName: 'people',
        underscored: true,
        // Whatever the model writes is forgotten by this process's cache at commit (people-cache.ts).
        hooks: {
          afterCreate: (_person, { transaction }) => forgetPeopleAfterCommit(transaction),
          afterBulkCreate: (_people, { transaction }) => forgetPeopleAfterCommit(transaction),
          afterUpdate: (_person, { transaction }) => forgetPeopleAfterCommit(transaction),
          afterBulkUpdate: ({ transaction }) => forgetPeopleAfterCommit(transaction),
          afterUpsert: (_result, { transaction }) => forgetPeopleAfterCommit(transaction),
          afterDestroy: (_person, { transaction }) => forgetPeopleAfterCommit(transaction),
          afterBulkDestroy: ({ transaction }) => forgetPeopleAfterCommit(transaction),
        },
      },
    );
  }
}
