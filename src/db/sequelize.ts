import { Sequelize } from 'sequelize';
import type { Logger } from '../logger';
import { initModels } from './models';

/** The app's connection, with the models bound to it. */
export function createSequelize(databaseUrl: string, logger?: Logger): Sequelize {
  const sequelize = openSequelize(databaseUrl, logger);
  initModels(sequelize);
  return sequelize;
}

/**
 * A connection that binds no models (they are bound once, to the app's connection): for the
 * migrations when they run as another role (DATABASE_MIGRATION_URL).
 */
export function openSequelize(databaseUrl: string, logger?: Logger): Sequelize {
  return new Sequelize(databaseUrl, {
    dialect: 'postgres',
    logging: logger ? (sql) => logger.trace({ sql }, 'sql') : false,
    // Workers (deadlines 24, outbox 16, fan-out 8 at once) and clicks share it; PostgreSQL's
    // default 100 connections leave room for four replicas.
    pool: { max: 20, min: 0, idle: 10_000, acquire: 30_000 },
    define: { underscored: true },
    // Named prepared statements (the decision path's, the card views; sql/prepared-statements.ts)
    // are planned once per connection: their parameters (ids, id arrays, JSON rows) do not change
    // what a good plan is, and by default PostgreSQL planned the larger ones again on every call.
    // Sequelize's own statements are unnamed, so still planned per call; their parameters are
    // the values of INSERTs and the keys of UPDATEs, where a generic plan is the same plan.
    dialectOptions: { options: '-c plan_cache_mode=force_generic_plan' },
  });
}
