import type { Migration } from '../src/db/migrator';

/**
 * The workflow engine: versioned templates, requests (instances) with their revisions, approval
 * tasks, the history, the outbox of notifications, public holidays, reference counters and the
 * idempotency keys of submissions.
 */

// Taiwan's public holidays (days off for the civil service) of 2026 and 2027, with the observed
// weekday when a holiday falls on a weekend. Admins correct the list with addHoliday/removeHoliday.
export const HOLIDAYS: [date: string, en: string, zh: string][] = [
  ['2026-01-01', "New Year's Day", '開國紀念日'],
  ['2026-02-16', 'Lunar New Year holidays', '春節'],
  ['2026-02-17', 'Lunar New Year holidays', '春節'],
  ['2026-02-18', 'Lunar New Year holidays', '春節'],
  ['2026-02-19', 'Lunar New Year holidays', '春節'],
  ['2026-02-20', 'Lunar New Year holidays', '春節'],
  ['2026-02-27', 'Peace Memorial Day (observed)', '和平紀念日補假'],
  ['2026-04-03', "Children's Day (observed)", '兒童節補假'],
  ['2026-04-06', 'Tomb Sweeping Day (observed)', '民族掃墓節補假'],
  ['2026-05-01', 'Labour Day', '勞動節'],
  ['2026-06-19', 'Dragon Boat Festival', '端午節'],
  ['2026-09-25', 'Mid-Autumn Festival', '中秋節'],
  ['2026-09-28', "Teachers' Day", '教師節'],
  ['2026-10-09', 'National Day (observed)', '國慶日補假'],
  ['2026-10-26', 'Taiwan Retrocession Day (observed)', '臺灣光復節補假'],
  ['2026-12-25', 'Constitution Day', '行憲紀念日'],
  ['2027-01-01', "New Year's Day", '開國紀念日'],
  ['2027-02-04', 'Lunar New Year holidays', '春節'],
  ['2027-02-05', 'Lunar New Year holidays', '春節'],
  ['2027-02-08', 'Lunar New Year holidays', '春節'],
  ['2027-02-09', 'Lunar New Year holidays (observed)', '春節補假'],
  ['2027-02-10', 'Lunar New Year holidays (observed)', '春節補假'],
  ['2027-03-01', 'Peace Memorial Day (observed)', '和平紀念日補假'],
  ['2027-04-05', 'Tomb Sweeping Day', '民族掃墓節'],
  ['2027-04-06', "Children's Day (observed)", '兒童節補假'],
  ['2027-04-30', 'Labour Day (observed)', '勞動節補假'],
  ['2027-06-09', 'Dragon Boat Festival', '端午節'],
  ['2027-09-15', 'Mid-Autumn Festival', '中秋節'],
  ['2027-09-28', "Teachers' Day", '教師節'],
  ['2027-10-11', 'National Day (observed)', '國慶日補假'],
  ['2027-10-25', 'Taiwan Retrocession Day', '臺灣光復節'],
  ['2027-12-24', 'Constitution Day (observed)', '行憲紀念日補假'],
];

const INSTANCE_STATUSES = "'in_review', 'approved', 'rejected', 'returned', 'withdrawn', 'cancelled'";
const TASK_STATUSES =
  "'pending', 'approved', 'rejected', 'returned', 'superseded', 'transferred', 'withdrawn', 'cancelled'";
const OUTBOX_KINDS =
  "'task_assigned', 'task_superseded', 'task_decided', 'request_updated', 'request_decided', 'cc_notified', 'comment_added'";

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string, replacements?: Record<string, unknown>) =>
      sequelize.query(sql, { transaction, ...(replacements ? { replacements } : {}) });

    // A version is immutable once stored: instances point at the version they started with.
    await run(`
      CREATE TABLE workflow_templates (
        id         SERIAL PRIMARY KEY,
        key        VARCHAR(64) NOT NULL,
        version    INTEGER NOT NULL CHECK (version > 0),
        definition JSONB NOT NULL,
        checksum   CHAR(64) NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (key, version)
      )`);

    // form/route are those of the current revision; workflow_revisions keeps every revision.
    // participant_person_ids (requester, every planned or assigned approver, CC) decides who may see it.
    await run(`
      CREATE TABLE workflow_instances (
        id                     SERIAL PRIMARY KEY,
        reference              VARCHAR(32) NOT NULL UNIQUE,
        template_id            INTEGER NOT NULL REFERENCES workflow_templates(id) ON DELETE RESTRICT,
        template_key           VARCHAR(64) NOT NULL,
        requester_person_id    INTEGER REFERENCES people(id) ON DELETE RESTRICT,
        requester_slack_id     VARCHAR(32) NOT NULL,
        requester_name         VARCHAR(200) NOT NULL,
        department_id          INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        status                 VARCHAR(16) NOT NULL CHECK (status IN (${INSTANCE_STATUSES})),
        revision               INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),
        current_step           INTEGER,
        form                   JSONB NOT NULL,
        route                  JSONB NOT NULL,
        participant_person_ids INTEGER[] NOT NULL DEFAULT '{}',
        search_text            TEXT NOT NULL DEFAULT '',
        document_number        VARCHAR(32) UNIQUE,
        card_channel           VARCHAR(32),
        card_ts                VARCHAR(32),
        created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
        decided_at             TIMESTAMPTZ
      )`);
    await run(
      'CREATE INDEX workflow_instances_requester_idx ON workflow_instances (requester_person_id, created_at)',
    );
    await run(
      'CREATE INDEX workflow_instances_requester_slack_idx ON workflow_instances (requester_slack_id)',
    );
    await run('CREATE INDEX workflow_instances_status_idx ON workflow_instances (status, created_at)');
    await run(
      'CREATE INDEX workflow_instances_participants_idx ON workflow_instances USING GIN (participant_person_ids)',
    );

    await run(`
      CREATE TABLE workflow_revisions (
        instance_id  INTEGER NOT NULL REFERENCES workflow_instances(id) ON DELETE CASCADE,
        revision     INTEGER NOT NULL CHECK (revision > 0),
        form         JSONB NOT NULL,
        route        JSONB NOT NULL,
        submitted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        outcome      VARCHAR(16) CHECK (outcome IN (${INSTANCE_STATUSES})),
        PRIMARY KEY (instance_id, revision)
      )`);

    await run(`
      CREATE TABLE workflow_tasks (
        id                     SERIAL PRIMARY KEY,
        instance_id            INTEGER NOT NULL REFERENCES workflow_instances(id) ON DELETE CASCADE,
        revision               INTEGER NOT NULL,
        step_index             INTEGER NOT NULL CHECK (step_index >= 0),
        assignee_person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        on_behalf_of_person_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
        status                 VARCHAR(16) NOT NULL DEFAULT 'pending' CHECK (status IN (${TASK_STATUSES})),
        decided_at             TIMESTAMPTZ,
        comment                TEXT,
        due_at                 TIMESTAMPTZ,
        card_channel           VARCHAR(32),
        card_ts                VARCHAR(32),
        created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await run(
      'CREATE INDEX workflow_tasks_instance_idx ON workflow_tasks (instance_id, revision, step_index)',
    );
    await run('CREATE INDEX workflow_tasks_assignee_idx ON workflow_tasks (assignee_person_id, status)');
    // Nobody holds two open tasks on the same step, whatever the races.
    await run(`CREATE UNIQUE INDEX workflow_tasks_one_pending_idx ON workflow_tasks
               (instance_id, revision, step_index, assignee_person_id) WHERE status = 'pending'`);

    await run(`
      CREATE TABLE workflow_events (
        id              BIGSERIAL PRIMARY KEY,
        instance_id     INTEGER NOT NULL REFERENCES workflow_instances(id) ON DELETE CASCADE,
        revision        INTEGER NOT NULL,
        step_index      INTEGER,
        task_id         INTEGER REFERENCES workflow_tasks(id) ON DELETE SET NULL,
        kind            VARCHAR(16) NOT NULL,
        actor_person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
        actor_slack_id  VARCHAR(32),
        text            TEXT,
        data            JSONB NOT NULL DEFAULT '{}'::jsonb,
        at              TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    await run('CREATE INDEX workflow_events_instance_idx ON workflow_events (instance_id, id)');

    // Payloads hold ids only: the courier renders the state current at delivery time.
    await run(`
      CREATE TABLE outbox (
        id                  BIGSERIAL PRIMARY KEY,
        kind                VARCHAR(32) NOT NULL CHECK (kind IN (${OUTBOX_KINDS})),
        recipient_person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
        recipient_slack_id  VARCHAR(32) NOT NULL,
        instance_id         INTEGER NOT NULL REFERENCES workflow_instances(id) ON DELETE CASCADE,
        task_id             INTEGER REFERENCES workflow_tasks(id) ON DELETE CASCADE,
        payload             JSONB NOT NULL,
        created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
        delivered_at        TIMESTAMPTZ,
        attempts            INTEGER NOT NULL DEFAULT 0,
        last_error          TEXT,
        leased_until        TIMESTAMPTZ,
        delivered_channel   VARCHAR(32),
        delivered_ts        VARCHAR(32)
      )`);
    await run('CREATE INDEX outbox_undelivered_idx ON outbox (id) WHERE delivered_at IS NULL');
    await run('CREATE INDEX outbox_instance_idx ON outbox (instance_id, id)');

    await run(`
      CREATE TABLE holidays (
        date       DATE PRIMARY KEY,
        name       VARCHAR(200) NOT NULL,
        name_zh    VARCHAR(200) NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    for (const [date, name, nameZh] of HOLIDAYS) {
      await run('INSERT INTO holidays (date, name, name_zh) VALUES (:date, :name, :nameZh)', {
        date,
        name,
        nameZh,
      });
    }

    // One counter per scope (reference prefix, document-number prefix) and year. Incremented in
    // the transaction that uses the number, so a rolled-back submission leaves no gap.
    await run(`
      CREATE TABLE reference_counters (
        scope VARCHAR(32) NOT NULL,
        year  INTEGER NOT NULL,
        value INTEGER NOT NULL CHECK (value >= 0),
        PRIMARY KEY (scope, year)
      )`);

    // A Slack retry of the same submission finds the key and gets the first request back.
    await run(`
      CREATE TABLE workflow_idempotency_keys (
        actor_slack_id VARCHAR(32) NOT NULL,
        key            VARCHAR(255) NOT NULL,
        instance_id    INTEGER REFERENCES workflow_instances(id) ON DELETE CASCADE,
        created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_slack_id, key)
      )`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('DROP TABLE workflow_idempotency_keys');
    await run('DROP TABLE reference_counters');
    await run('DROP TABLE holidays');
    await run('DROP TABLE outbox');
    await run('DROP TABLE workflow_events');
    await run('DROP TABLE workflow_tasks');
    await run('DROP TABLE workflow_revisions');
    await run('DROP TABLE workflow_instances');
    await run('DROP TABLE workflow_templates');
  });
};
