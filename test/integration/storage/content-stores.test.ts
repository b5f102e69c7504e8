import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { QueryTypes } from 'sequelize';
import { ContentExists, ContentNotFound, type ContentStore } from '../../../src/storage/content-store';
import { CHUNK_BYTES, PostgresContentStore } from '../../../src/storage/postgres-content-store';
import { S3ContentStore } from '../../../src/storage/s3-content-store';
import { useTestDatabase } from '../../support/database';
import { useForTestFile } from '../../support/per-file';
import { startS3Server } from '../../support/s3-server';

/** Both back ends keep the same promises: exact bytes back, written once, gone when removed. */

const db = useTestDatabase();
const s3 = useForTestFile(
  'the S3 server',
  () => startS3Server(),
  (server) => server.stop(),
);

const facts = (content: Buffer) => ({
  size: content.length,
  sha256: createHash('sha256').update(content).digest('hex'),
});
/** A source that yields the content in uneven pieces, as a socket would. */
const source = (content: Buffer) => () =>
  Readable.from([content.subarray(0, 1000), content.subarray(1000, 700_001), content.subarray(700_001)]);

describe.each([
  ['postgres', () => new PostgresContentStore(() => db.sequelize)],
  ['s3', () => new S3ContentStore(s3().settings)],
])('%s content store', (_name, makeStore: () => ContentStore) => {
  let store: ContentStore;
  beforeAll(() => {
    store = makeStore();
  });

  it('gives back exactly the bytes it was given, across several chunks', async () => {
    const content = randomBytes(CHUNK_BYTES * 3 + 12_345);
    await store.put('v/roundtrip', source(content), facts(content));
    const back = await buffer(await store.get('v/roundtrip'));
    expect(back.length).toBe(content.length);
    expect(back.equals(content)).toBe(true);
  });

  it('writes a key once and never replaces its content', async () => {
    const first = Buffer.from('年度預算報告 v1');
    await store.put('v/immutable', source(first), facts(first));
    const second = Buffer.from('tampered');
    await expect(store.put('v/immutable', source(second), facts(second))).rejects.toBeInstanceOf(
      ContentExists,
    );
    expect((await buffer(await store.get('v/immutable'))).toString()).toBe('年度預算報告 v1');
  });

  it('says ContentNotFound for a key it never stored and after a purge', async () => {
    await expect(store.get('v/never')).rejects.toBeInstanceOf(ContentNotFound);
    const content = Buffer.from('purge me');
    await store.put('v/purged', source(content), facts(content));
    await store.remove('v/purged');
    await expect(store.get('v/purged')).rejects.toBeInstanceOf(ContentNotFound);
    await expect(store.remove('v/purged')).resolves.toBeUndefined();
  });

  it('refuses keys the library would never make', async () => {
    const content = Buffer.from('x');
    await expect(store.put('../etc/passwd', source(content), facts(content))).rejects.toThrow(
      'not a content key',
    );
    await expect(store.get('A B')).rejects.toThrow('not a content key');
  });
});

describe('postgres content store', () => {
  it('lets one of two concurrent writers of a key win, whole', async () => {
    const store = new PostgresContentStore(() => db.sequelize);
    const a = randomBytes(CHUNK_BYTES + 10);
    const b = randomBytes(CHUNK_BYTES + 10);
    const results = await Promise.allSettled([
      store.put('v/race', source(a), facts(a)),
      store.put('v/race', source(b), facts(b)),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ContentExists);
    const back = await buffer(await store.get('v/race'));
    expect(back.equals(a) || back.equals(b)).toBe(true);
  });

  it('does not let the app role update stored bytes (immutability in the database itself)', async () => {
    const [row] = (await db.sequelize.query(
      `SELECT has_table_privilege('gongwu_app', 'file_content_chunks', 'UPDATE') AS chunks_update,
              has_table_privilege('gongwu_app', 'file_contents', 'UPDATE') AS contents_update,
              has_table_privilege('gongwu_app', 'file_content_chunks', 'INSERT') AS chunks_insert`,
      { type: QueryTypes.SELECT },
    )) as Array<Record<string, boolean>>;
    expect(row).toEqual({ chunks_update: false, contents_update: false, chunks_insert: true });
  });
});
