import type { Migration } from '../src/db/migrator';

/**
 * A decision brings the approver's daily digests of the day in line (their buttons for that task
 * go): the digests of one person are found by this index, not by a scan of the whole outbox.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(
    "CREATE INDEX outbox_digest_idx ON outbox (recipient_slack_id, id) WHERE kind = 'daily_digest'",
  );
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query('DROP INDEX outbox_digest_idx');
};
