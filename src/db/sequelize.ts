import { Sequelize } from 'sequelize';
import type { Logger } from '../logger';
import { initModels } from './models';

export function createSequelize(databaseUrl: string, logger?: Logger): Sequelize {
  const sequelize = new Sequelize(databaseUrl, {
    dialect: 'postgres',
    logging: logger ? (sql) => logger.trace({ sql }, 'sql') : false,
    // Workers (deadlines 24, outbox 16, fan-out 8 at once) and clicks share it; PostgreSQL's
    // default 100 connections leave room for four replicas.
    pool: { max: 20, min: 0, idle: 10_000, acquire: 30_000 },
    define: { underscored: true },
  });
  initModels(sequelize);
  return sequelize;
}
