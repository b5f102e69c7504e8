import { QueryTypes } from 'sequelize';
import { verifyAuditChain } from '../../../src/db/repositories/audit-chain.repository';
import { useTestDatabase } from '../../support/database';

/**
 * The audit log's hash chain: the database chains every row, whoever writes it and however many
 * write at once, and the check names the first row that was changed, removed or slipped in.
 */

const db = useTestDatabase();

const insert = (actor: string, action: string) =>
  db.sequelize.query(
    `INSERT INTO audit_log (actor, action, subject_type, subject_id, after) VALUES ($1, $2, 'test', 'x', '{"n": 1}')`,
    { bind: [actor, action] },
  );

/** As the owner may (the app role cannot): the append-only guard off for one change. */
async function tamper(sql: string, bind: unknown[]) {
  await db.sequelize.transaction(async (transaction) => {
    await db.sequelize.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete', {
      transaction,
    });
    await db.sequelize.query(sql, { bind, transaction });
    await db.sequelize.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete', {
      transaction,
    });
  });
}

const ids = async () =>
  (
    await db.sequelize.query<{ id: string }>('SELECT id::text FROM audit_log ORDER BY id', {
      type: QueryTypes.SELECT,
    })
  ).map((row) => row.id);

describe('the audit hash chain', () => {
  it('chains rows written by 20 transactions at once, in the order they committed', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.sequelize.transaction(async (transaction) => {
          await db.sequelize.query(
            `INSERT INTO audit_log (actor, action, subject_type, subject_id) VALUES ($1, 'a', 't', 's'), ($1, 'b', 't', 's')`,
            { bind: [`U${i}`], transaction },
          );
          await db.sequelize.query('SELECT pg_sleep(0.005)', { transaction });
        }),
      ),
    );
    const check = await verifyAuditChain(db.sequelize);
    expect(check.firstBroken).toBeNull();
    expect(check.rows).toBeGreaterThanOrEqual(40);
    expect(check.head?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores a hash the writer supplies: the database computes it', async () => {
    await db.sequelize.query(
      `INSERT INTO audit_log (actor, action, subject_type, subject_id, hash) VALUES ('U1', 'forged', 't', 's', '\\x00')`,
    );
    expect((await verifyAuditChain(db.sequelize)).firstBroken).toBeNull();
  });

  it('names a changed row', async () => {
    await insert('U_A', 'approve');
    await insert('U_B', 'approve');
    const [changed] = (await ids()).slice(-2);
    await tamper("UPDATE audit_log SET action = 'reject' WHERE id = $1", [changed]);
    expect((await verifyAuditChain(db.sequelize)).firstBroken).toMatchObject({
      id: changed,
      action: 'reject',
    });
    await tamper("UPDATE audit_log SET action = 'approve' WHERE id = $1", [changed]);
    expect((await verifyAuditChain(db.sequelize)).firstBroken).toBeNull();
  });

  it('names the row after a removed one', async () => {
    await insert('U_C', 'one');
    await insert('U_D', 'two');
    await insert('U_E', 'three');
    const [, removed, next] = (await ids()).slice(-3);
    await tamper('DELETE FROM audit_log WHERE id = $1', [removed]);
    expect((await verifyAuditChain(db.sequelize)).firstBroken).toMatchObject({ id: next, actor: 'U_E' });
  });
});
