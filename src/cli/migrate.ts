import { loadConfig } from '../config';
import { openOwnerDatabase } from '../db/connect';
import { createMigrator } from '../db/migrator';
import { createLogger } from '../logger';
import { runCli } from './run-cli';

/** `npm run migrate` (all pending) and `npm run migrate:down` (the last one, or `-- --to <name>|0`). */
async function run(): Promise<void> {
  const [direction, flag, target] = process.argv.slice(2);
  if (direction !== 'up' && direction !== 'down') {
    process.stderr.write('Usage: migrate up | migrate down [--to <migration name>|0]\n');
    process.exit(2);
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // As the schema's owner (DATABASE_MIGRATION_URL) when the app runs as a restricted role.
  const database = await openOwnerDatabase(config, logger);
  try {
    const migrator = createMigrator(database.sequelize);
    const done =
      direction === 'up'
        ? await migrator.up()
        : await migrator.down(flag === '--to' && target ? { to: target === '0' ? 0 : target } : undefined);
    const verb = direction === 'up' ? 'applied' : 'reverted';
    process.stdout.write(
      done.length ? `${verb}: ${done.map((m) => m.name).join(', ')}\n` : `nothing to do (${direction})\n`,
    );
  } finally {
    await database.close();
  }
}

runCli('Migration', run);
