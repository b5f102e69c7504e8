import type { Migration } from '../src/db/migrator';

/**
 * Announcements (issue 5): the announcement itself (reference, author, targets, publication state),
 * every approved version of its content, and one row per posted copy. Drafts under review live in
 * the workflow engine (the review instance's form is the content being reviewed); a version row is
 * written when a review approves it, so a row here is never unreviewed content.
 */
const CATEGORIES = "'notice', 'work_update', 'policy', 'business_material'";

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE announcements (
        id                      SERIAL PRIMARY KEY,
        reference               VARCHAR(32) NOT NULL UNIQUE,
        author_person_id        INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        department_id           INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        title                   VARCHAR(200) NOT NULL,
        category                VARCHAR(24) NOT NULL CHECK (category IN (${CATEGORIES})),
        importance              VARCHAR(12) NOT NULL CHECK (importance IN ('normal', 'important')),
        audience                VARCHAR(12) NOT NULL CHECK (audience IN ('everyone', 'departments')),
        audience_department_ids INTEGER[] NOT NULL DEFAULT '{}',
        channel_ids             VARCHAR(32)[] NOT NULL DEFAULT '{}',
        require_ack             BOOLEAN NOT NULL DEFAULT FALSE,
        publish_at              TIMESTAMPTZ,
        expires_at              TIMESTAMPTZ,
        status                  VARCHAR(12) NOT NULL DEFAULT 'in_review'
                                  CHECK (status IN ('in_review', 'published', 'retracted', 'expired')),
        -- The review of the latest submitted content (the first one, or a correction).
        review_instance_id      INTEGER REFERENCES workflow_instances(id) ON DELETE SET NULL,
        current_version         INTEGER NOT NULL DEFAULT 1 CHECK (current_version > 0),
        published_version       INTEGER,
        published_at            TIMESTAMPTZ,
        withdrawn_at            TIMESTAMPTZ,
        withdrawn_by_person_id  INTEGER REFERENCES people(id) ON DELETE RESTRICT,
        created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
        CHECK ((status IN ('published', 'retracted', 'expired')) = (published_version IS NOT NULL))
      )`);
    await run('CREATE INDEX announcements_status_idx ON announcements (status, created_at DESC)');
    await run('CREATE INDEX announcements_author_idx ON announcements (author_person_id, created_at DESC)');
    await run('CREATE INDEX announcements_review_idx ON announcements (review_instance_id)');
    // The expiry reconciliation reads the published items that have an expiry.
    await run(`CREATE INDEX announcements_expiry_idx ON announcements (expires_at)
               WHERE status = 'published' AND expires_at IS NOT NULL`);

    await run(`
      CREATE TABLE announcement_versions (
        announcement_id         INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
        version                 INTEGER NOT NULL CHECK (version > 0),
        title                   VARCHAR(200) NOT NULL,
        body                    TEXT NOT NULL,
        category                VARCHAR(24) NOT NULL CHECK (category IN (${CATEGORIES})),
        importance              VARCHAR(12) NOT NULL,
        require_ack             BOOLEAN NOT NULL,
        audience                VARCHAR(12) NOT NULL,
        audience_department_ids INTEGER[] NOT NULL DEFAULT '{}',
        channel_ids             VARCHAR(32)[] NOT NULL DEFAULT '{}',
        publish_at              TIMESTAMPTZ,
        expires_at              TIMESTAMPTZ,
        workflow_instance_id    INTEGER NOT NULL REFERENCES workflow_instances(id) ON DELETE RESTRICT,
        workflow_revision       INTEGER NOT NULL,
        approved_at             TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (announcement_id, version)
      )`);

    await run(`
      CREATE TABLE announcement_posts (
        id              BIGSERIAL PRIMARY KEY,
        announcement_id INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
        -- Where the copy is: a channel id, or the IM channel of a restricted item sent as a DM.
        channel         VARCHAR(32) NOT NULL,
        ts              VARCHAR(32) NOT NULL,
        -- The fan-out target it was sent to (the channel, or the member's user id for a DM).
        target          VARCHAR(32) NOT NULL,
        version_shown   INTEGER NOT NULL,
        state           VARCHAR(10) NOT NULL DEFAULT 'posted' CHECK (state IN ('posted', 'withdrawn', 'deleted')),
        posted_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (announcement_id, channel)
      )`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('DROP TABLE announcement_posts');
    await run('DROP TABLE announcement_versions');
    await run('DROP TABLE announcements');
  });
};
