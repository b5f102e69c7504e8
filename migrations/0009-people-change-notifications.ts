import type { Migration } from '../src/db/migrator';

/**
 * Every committed change to `people` is announced on the `people_changed` channel, whoever made
 * it (this app, another replica, `npm run org:import`, an operator's SQL). Processes that keep
 * directory entries in memory listen and forget what changed. NOTIFY is transactional: the
 * notice goes out when the change commits, never for a change that rolled back.
 *
 * Payload: the Slack user ids the change touched, comma-separated (old and new id when the id
 * itself changed; empty for a person without one); `*` when the whole table was truncated.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE FUNCTION notify_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('people_changed', '*');
        ELSIF TG_OP = 'INSERT' THEN
          PERFORM pg_notify('people_changed', coalesce(NEW.slack_user_id, ''));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('people_changed', coalesce(OLD.slack_user_id, ''));
        ELSE
          PERFORM pg_notify('people_changed',
            concat_ws(',', OLD.slack_user_id, nullif(NEW.slack_user_id, OLD.slack_user_id)));
        END IF;
        RETURN NULL;
      END $$`);
    await run(`
      CREATE TRIGGER people_changed_rows AFTER INSERT OR UPDATE OR DELETE ON people
        FOR EACH ROW EXECUTE FUNCTION notify_people_changed()`);
    await run(`
      CREATE TRIGGER people_changed_truncate AFTER TRUNCATE ON people
        FOR EACH STATEMENT EXECUTE FUNCTION notify_people_changed()`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('DROP TRIGGER people_changed_truncate ON people');
    await run('DROP TRIGGER people_changed_rows ON people');
    await run('DROP FUNCTION notify_people_changed()');
  });
};
