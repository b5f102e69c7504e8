/**
 * A process that claims every undelivered outbox row as this app's courier would, says which on
 * stdout, and then hangs as if delivering them: a test kills it (SIGKILL) to leave rows held by a
 * dead process. Argument: the database URL.
 */
import { startLeaseHolder } from '../../src/db/lease-holder';
import { claimOutbox } from '../../src/db/repositories/workflows-outbox.repository';
import { createSequelize } from '../../src/db/sequelize';
import { createLogger } from '../../src/logger';

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: outbox-lease-child <database-url>');
  createSequelize(url);
  const holder = await startLeaseHolder(url, createLogger('silent'));
  const rows = await claimOutbox(1000);
  process.stdout.write(`${JSON.stringify({ holder: holder.id, ids: rows.map((row) => row.id) })}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
