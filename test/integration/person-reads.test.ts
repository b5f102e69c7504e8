import { Person } from '../../src/db/models';
import { findPersonBySlackId } from '../../src/db/repositories/org.repository';
import { useTestDatabase } from '../support/database';

/**
 * The interaction read of a person by Slack id: concurrent reads share statements, and each caller
 * still gets its own person (or null), sees what was committed before it asked, and gets the
 * database's failure when there is one.
 */
const db = useTestDatabase();
const SLACK_IDS = Array.from({ length: 30 }, (_, i) => `U0READ${String(i).padStart(3, '0')}`);

beforeAll(async () => {
  await Person.bulkCreate(
    SLACK_IDS.map((slackUserId, i) => ({
      slackUserId,
      name: `Reader ${i}`,
      email: null,
      departmentId: null,
      position: null,
      contact: null,
      locale: i % 2 ? 'zh-TW' : 'en',
      timezone: null,
      roles: ['user'],
    })),
  );
});

it('gives every concurrent caller its own person, null for an unknown id, the same row for a repeated id', async () => {
  const asked = [...SLACK_IDS, 'U0NOBODY1', SLACK_IDS[3]!, 'U0NOBODY2', SLACK_IDS[3]!];
  const found = await Promise.all(asked.map((slackUserId) => findPersonBySlackId(slackUserId)));
  for (const [i, slackUserId] of asked.entries()) {
    if (slackUserId.startsWith('U0NOBODY')) expect(found[i]).toBeNull();
    else expect(found[i]).toMatchObject({ slackUserId, name: `Reader ${SLACK_IDS.indexOf(slackUserId)}` });
  }
  // Same shape as the model gives (keys and parsed types), so callers cannot tell the paths apart.
  const viaModel = (await Person.findOne({ where: { slackUserId: SLACK_IDS[5]! } }))!.get({ plain: true });
  expect(found[5]).toEqual(viaModel);
});

// That a read never joins a statement already sent is shown deterministically by the batcher's
// unit test; here, the same on the real database under a burst of reads.
it('sees a change committed before the read was asked for, with a burst of other reads going on', async () => {
  const busy = SLACK_IDS.map((slackUserId) => findPersonBySlackId(slackUserId));
  await Person.update({ locale: 'ja' }, { where: { slackUserId: SLACK_IDS[7]! } });
  const after = await findPersonBySlackId(SLACK_IDS[7]!);
  expect(after?.locale).toBe('ja');
  await Promise.all(busy);
});

it('fails every waiting read with the database error, and reads again once the database answers', async () => {
  await db.sequelize.query('ALTER TABLE people RENAME TO people_away');
  try {
    const reads = await Promise.allSettled(SLACK_IDS.slice(0, 10).map((id) => findPersonBySlackId(id)));
    expect(reads.every((read) => read.status === 'rejected')).toBe(true);
    expect(String((reads[0] as PromiseRejectedResult).reason)).toMatch(/people/);
  } finally {
    await db.sequelize.query('ALTER TABLE people_away RENAME TO people');
  }
  await expect(findPersonBySlackId(SLACK_IDS[0]!)).resolves.toMatchObject({ slackUserId: SLACK_IDS[0] });
});
