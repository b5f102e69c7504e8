import type { Migration } from '../src/db/migrator';

/**
 * The supervisor role (監督小組, requirements §八, issue 16): read-only access to every request,
 * announcement, file's metadata and the audit log, never a decision.
 */
const check = (roles: string[]) =>
  `CHECK (roles <@ ARRAY[${roles.map((role) => `'${role}'`).join(', ')}]::VARCHAR(16)[])`;

async function replaceCheck(sequelize: Parameters<Migration>[0]['context'], roles: string[]): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const [rows] = await sequelize.query(
      `SELECT conname FROM pg_constraint
        WHERE conrelid = 'people'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%roles <@%'`,
      { transaction },
    );
    for (const { conname } of rows as { conname: string }[])
      await sequelize.query(`ALTER TABLE people DROP CONSTRAINT "${conname}"`, { transaction });
    await sequelize.query(`ALTER TABLE people ADD CONSTRAINT people_roles_known ${check(roles)}`, {
      transaction,
    });
  });
}

export const up: Migration = ({ context: sequelize }) =>
  replaceCheck(sequelize, ['admin', 'leader', 'supervisor', 'user', 'guest']);

export const down: Migration = ({ context: sequelize }) =>
  replaceCheck(sequelize, ['admin', 'leader', 'user', 'guest']);
