import type { Migration } from '../src/db/migrator';

/**
 * Fan-out: bulk Slack sends (announcement copies, their updates, chase DMs) as one row per item.
 * The row is the truth — pending until it is sent, failed or skipped, leased while a worker holds
 * it — so a crash or a lost queue never loses or repeats an item; the queue only carries ids.
 * `fanout_pace` holds the next free send time of each Slack method across the workspace and of
 * each channel, so every replica paces against the same clock.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE fanout_items (
        id            BIGSERIAL PRIMARY KEY,
        item_key      VARCHAR(200) NOT NULL UNIQUE,
        batch_key     VARCHAR(200) NOT NULL,
        purpose       VARCHAR(64)  NOT NULL,
        method        VARCHAR(8)   NOT NULL CHECK (method IN ('post', 'update', 'delete')),
        channel       VARCHAR(32)  NOT NULL,
        ts            VARCHAR(32),
        subject       JSONB        NOT NULL DEFAULT '{}',
        not_before    TIMESTAMPTZ,
        priority      SMALLINT     NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 9),
        status        VARCHAR(8)   NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        attempts      INTEGER      NOT NULL DEFAULT 0,
        -- A new queue job id each time the item is put back (retry, pacing), so a re-added job
        -- is never mistaken for the finished one.
        generation    INTEGER      NOT NULL DEFAULT 0,
        leased_until  TIMESTAMPTZ,
        -- A previous attempt may have reached Slack without its outcome being recorded (the
        -- worker died holding the lease, or the call timed out): look before posting again.
        in_doubt      BOOLEAN      NOT NULL DEFAULT FALSE,
        result_channel VARCHAR(32),
        result_ts     VARCHAR(32),
        last_error    TEXT,
        created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
        settled_at    TIMESTAMPTZ
      )`);
    await run(
      "CREATE INDEX fanout_items_pending_idx ON fanout_items (priority, id) WHERE status = 'pending'",
    );
    await run('CREATE INDEX fanout_items_batch_idx ON fanout_items (batch_key, status)');
    // Acknowledgements (已讀確認): one row per person and announcement, whatever the clicks.
    await run(`
      CREATE TABLE announcement_acks (
        announcement_id INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
        person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        acked_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (announcement_id, person_id)
      )`);
    // Each chase of the people who have not acknowledged (rounds are spaced by a configured interval).
    await run(`
      CREATE TABLE announcement_chases (
        announcement_id     INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
        round               INTEGER NOT NULL CHECK (round > 0),
        chased_by_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        recipients          INTEGER NOT NULL,
        at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (announcement_id, round)
      )`);
    await run(`
      CREATE TABLE fanout_pace (
        key     VARCHAR(64) PRIMARY KEY,
        next_at TIMESTAMPTZ NOT NULL
      )`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('DROP TABLE fanout_pace');
    await run('DROP TABLE announcement_chases');
    await run('DROP TABLE announcement_acks');
    await run('DROP TABLE fanout_items');
  });
};
