import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { verifyAuditChain } from '../db/repositories/audit-chain.repository';
import { createLogger } from '../logger';
import { runCli } from './run-cli';

/**
 * `npm run audit:verify`: checks the audit log's hash chain row by row (migration 0017) and names
 * the first row that was changed, removed or slipped in. Exit code 0 when the chain holds, 3 when
 * it is broken, 1 when the check could not run.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openDatabase(config, logger);
  try {
    const check = await verifyAuditChain(database.sequelize);
    if (check.firstBroken) {
      const row = check.firstBroken;
      process.stdout.write(
        `audit log chain BROKEN at row ${row.id} (${row.action} by ${row.actor} at ${row.at.toISOString()}): that row or the one before it was changed, removed or inserted outside the app\n`,
      );
      process.exitCode = 3;
      return;
    }
    process.stdout.write(
      `audit log chain intact: ${check.rows} rows, head ${check.head?.id ?? '-'} ${check.head?.hash ?? ''}\n`,
    );
  } finally {
    await database.close();
  }
}

runCli('Audit check', run);
