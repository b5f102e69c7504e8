import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { OutboxKind } from '../../domain/workflows/model';

/** A notification promised by a committed change, until the courier delivers it. */
export class OutboxEntry extends Model<InferAttributes<OutboxEntry>, InferCreationAttributes<OutboxEntry>> {
  // BIGSERIAL: pg returns it as a string.
  declare id: CreationOptional<string>;
  declare kind: OutboxKind;
  declare recipientPersonId: number | null;
  declare recipientSlackId: string;
  /** Null for a digest, which is about no single request. */
  declare instanceId: number | null;
  declare taskId: number | null;
  declare payload: Record<string, unknown>;
  declare createdAt: CreationOptional<Date>;
  declare deliveredAt: CreationOptional<Date | null>;
  declare attempts: CreationOptional<number>;
  declare lastError: CreationOptional<string | null>;
  declare leasedUntil: CreationOptional<Date | null>;
  /** The advisory-lock id of the process holding the lease (db/lease-holder.ts). */
  declare leasedBy: CreationOptional<number | null>;
  declare deliveredChannel: CreationOptional<string | null>;
  declare deliveredTs: CreationOptional<string | null>;

  static initModel(sequelize: Sequelize): void {
    OutboxEntry.init(
      {
        id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
        kind: { type: DataTypes.STRING(32), allowNull: false },
        recipientPersonId: { type: DataTypes.INTEGER, allowNull: true },
        recipientSlackId: { type: DataTypes.STRING(32), allowNull: false },
        instanceId: { type: DataTypes.INTEGER, allowNull: true },
        taskId: { type: DataTypes.INTEGER, allowNull: true },
        payload: { type: DataTypes.JSONB, allowNull: false },
        createdAt: DataTypes.DATE,
        deliveredAt: { type: DataTypes.DATE, allowNull: true },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        lastError: { type: DataTypes.TEXT, allowNull: true },
        leasedUntil: { type: DataTypes.DATE, allowNull: true },
        leasedBy: { type: DataTypes.INTEGER, allowNull: true },
        deliveredChannel: { type: DataTypes.STRING(32), allowNull: true },
        deliveredTs: { type: DataTypes.STRING(32), allowNull: true },
      },
      { sequelize, tableName: 'outbox', underscored: true, updatedAt: false },
    );
  }
}
