import type { Migration } from '../src/db/migrator';
import { APP_ROLE } from './0011-app-role';

/**
 * The file library (issue 15, requirements §五): categories the admins configure, files with
 * their descriptive fields and sharing scope, every version of their content, and who
 * downloaded which version when.
 *
 * Search: `search_grams` holds the file's CJK characters and character pairs and its Latin word
 * prefixes (domain/files/search-grams.ts), GIN-indexed, so a two-character Chinese word finds a
 * longer one without a segmenter; `search_text` is the normalised text the match is checked on.
 */
const CONFIDENTIALITY = "'public', 'internal', 'confidential'";

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE file_categories (
        id         SERIAL PRIMARY KEY,
        parent_id  INTEGER REFERENCES file_categories(id) ON DELETE RESTRICT,
        name       VARCHAR(80) NOT NULL CHECK (btrim(name) <> ''),
        -- Each new version of a file in an important category is reviewed before it is current.
        important  BOOLEAN NOT NULL DEFAULT FALSE,
        position   INTEGER NOT NULL DEFAULT 0,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    // Sibling names are unique, top-level ones too (a NULL parent would not collide in UNIQUE).
    await run(
      'CREATE UNIQUE INDEX file_categories_name_idx ON file_categories (COALESCE(parent_id, 0), lower(name))',
    );

    await run(`
      CREATE TABLE library_files (
        id                     SERIAL PRIMARY KEY,
        reference              VARCHAR(32) NOT NULL UNIQUE,
        title                  VARCHAR(200) NOT NULL CHECK (btrim(title) <> ''),
        abstract               TEXT NOT NULL DEFAULT '' CHECK (length(abstract) <= 3000),
        keywords               VARCHAR(40)[] NOT NULL DEFAULT '{}',
        category_id            INTEGER REFERENCES file_categories(id) ON DELETE SET NULL,
        department_id          INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        owner_person_id        INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        confidentiality        VARCHAR(12) NOT NULL CHECK (confidentiality IN (${CONFIDENTIALITY})),
        status                 VARCHAR(12) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        scope_everyone         BOOLEAN NOT NULL DEFAULT FALSE,
        scope_department_ids   INTEGER[] NOT NULL DEFAULT '{}',
        scope_include_sub      BOOLEAN NOT NULL DEFAULT FALSE,
        scope_person_ids       INTEGER[] NOT NULL DEFAULT '{}',
        scope_channel_ids      VARCHAR(32)[] NOT NULL DEFAULT '{}',
        -- A request's attachment: scoped to the request's people by the workflow rules.
        workflow_instance_id   INTEGER REFERENCES workflow_instances(id) ON DELETE SET NULL,
        search_grams           TEXT[] NOT NULL DEFAULT '{}',
        search_text            TEXT NOT NULL DEFAULT '',
        created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
        withdrawn_at           TIMESTAMPTZ,
        withdrawn_by_person_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
        CHECK (NOT (confidentiality = 'confidential' AND scope_everyone)),
        CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
      )`);
    await run('CREATE INDEX library_files_grams_idx ON library_files USING GIN (search_grams)');
    await run('CREATE INDEX library_files_recent_idx ON library_files (status, updated_at DESC)');
    await run('CREATE INDEX library_files_owner_idx ON library_files (owner_person_id)');
    await run('CREATE INDEX library_files_department_idx ON library_files (department_id)');
    await run('CREATE INDEX library_files_instance_idx ON library_files (workflow_instance_id)');

    await run(`
      CREATE TABLE file_versions (
        id                    SERIAL PRIMARY KEY,
        file_id               INTEGER NOT NULL REFERENCES library_files(id) ON DELETE RESTRICT,
        label                 VARCHAR(32) NOT NULL,
        change_note           VARCHAR(500) NOT NULL DEFAULT '',
        original_name         VARCHAR(255) NOT NULL,
        kind                  VARCHAR(12) NOT NULL,
        size_bytes            BIGINT NOT NULL CHECK (size_bytes > 0),
        sha256                CHAR(64) NOT NULL,
        storage_backend       VARCHAR(12) NOT NULL CHECK (storage_backend IN ('postgres', 's3')),
        content_key           VARCHAR(80) NOT NULL UNIQUE,
        uploaded_by_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        status                VARCHAR(12) NOT NULL
                                CHECK (status IN ('in_review', 'current', 'superseded', 'rejected')),
        review_instance_id    INTEGER REFERENCES workflow_instances(id) ON DELETE SET NULL,
        created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
        -- An admin purge removes the content and keeps this row and the audit trail.
        purged_at             TIMESTAMPTZ,
        purged_by_person_id   INTEGER REFERENCES people(id) ON DELETE RESTRICT,
        purge_reason          VARCHAR(500),
        UNIQUE (file_id, label),
        CHECK ((purged_at IS NULL) = (purge_reason IS NULL))
      )`);
    // At most one current version per file.
    await run(
      "CREATE UNIQUE INDEX file_versions_current_idx ON file_versions (file_id) WHERE status = 'current'",
    );

    await run(`
      CREATE TABLE file_downloads (
        id            BIGSERIAL PRIMARY KEY,
        file_id       INTEGER NOT NULL REFERENCES library_files(id) ON DELETE RESTRICT,
        version_id    INTEGER NOT NULL REFERENCES file_versions(id) ON DELETE RESTRICT,
        person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        downloaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    await run('CREATE INDEX file_downloads_file_idx ON file_downloads (file_id, person_id)');
    // Who downloaded what is a record, like the audit log: read and append only.
    await run(`REVOKE UPDATE, DELETE, TRUNCATE ON file_downloads FROM ${APP_ROLE}`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query('DROP TABLE file_downloads, file_versions, library_files, file_categories');
};
