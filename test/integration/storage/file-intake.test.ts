import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ScannerUnavailable, scanWithClamd } from '../../../src/storage/clamav';
import { ContentNotFound } from '../../../src/storage/content-store';
import { type IntakeOptions, IntakeRefused, takeInUpload } from '../../../src/storage/file-intake';
import { PostgresContentStore } from '../../../src/storage/postgres-content-store';
import { EICAR, startClamd } from '../../support/clamd';
import { useTestDatabase } from '../../support/database';
import { useForTestFile } from '../../support/per-file';

/**
 * An upload's way in, end to end on real services: spooled and checked, scanned by a real clamd,
 * stored in PostgreSQL. A refused upload leaves nothing behind: no content, no spooled copy.
 */

const db = useTestDatabase();
const clamd = useForTestFile('clamd', startClamd, (server) => server.stop());
const tempRoot = useForTestFile(
  'the spool directory',
  () => mkdtemp(join(tmpdir(), 'gongwu-intake-')),
  (dir) => rm(dir, { recursive: true, force: true }),
);

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000)]);

function options(overrides: Partial<IntakeOptions> = {}): IntakeOptions {
  return {
    limits: { maxBytes: 1024 * 1024, allowed: ['pdf', 'txt', 'docx'] },
    tempRoot: tempRoot(),
    scan: (content) => scanWithClamd(clamd().url, content),
    store: new PostgresContentStore(() => db.sequelize),
    ...overrides,
  };
}

async function refusalOf(upload: Promise<unknown>) {
  const error = await upload.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IntakeRefused);
  return (error as IntakeRefused).refusal;
}

afterEach(async () => {
  // Whatever happened, the spooled copies are gone.
  expect(await readdir(tempRoot())).toEqual([]);
});

describe('takeInUpload', () => {
  it('stores a clean PDF with its size, SHA-256 and the kind its bytes show', async () => {
    const stored = await takeInUpload(Readable.from([PDF]), 'minutes.bin', 'v/clean', options());
    expect(stored).toEqual({
      key: 'v/clean',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      kind: 'pdf',
    });
    expect((await buffer(await options().store.get('v/clean'))).equals(PDF)).toBe(true);
  });

  it('refuses the EICAR test virus, named by clamd, and stores nothing', async () => {
    const refusal = await refusalOf(
      takeInUpload(Readable.from([Buffer.from(EICAR)]), 'note.txt', 'v/eicar', options()),
    );
    expect(refusal).toEqual({ code: 'infected', signature: 'Gongwu.Test.EICAR.UNOFFICIAL' });
    await expect(options().store.get('v/eicar')).rejects.toBeInstanceOf(ContentNotFound);
  });

  it('refuses a file over the limit as soon as the limit is passed', async () => {
    let served = 0;
    const endless = new Readable({
      read() {
        served += 64 * 1024;
        this.push(
          served === 64 * 1024
            ? Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(64 * 1024 - 5)])
            : Buffer.alloc(64 * 1024),
        );
      },
    });
    const refusal = await refusalOf(takeInUpload(endless, 'big.pdf', 'v/big', options()));
    expect(refusal).toEqual({ code: 'too_large', maxBytes: 1024 * 1024 });
    expect(served).toBeLessThan(4 * 1024 * 1024);
  });

  it('refuses an empty file and a type outside the allowlist, saying what the bytes are', async () => {
    expect(await refusalOf(takeInUpload(Readable.from([]), 'empty.pdf', 'v/empty', options()))).toEqual({
      code: 'empty',
    });
    const program = Buffer.concat([Buffer.from('MZ'), randomBytes(1000)]);
    expect(await refusalOf(takeInUpload(Readable.from([program]), 'budget.pdf', 'v/exe', options()))).toEqual(
      {
        code: 'type_not_allowed',
        seen: 'a Windows program',
        allowed: ['pdf', 'txt', 'docx'],
      },
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await refusalOf(takeInUpload(Readable.from([png]), 'chart.png', 'v/png', options()))).toEqual({
      code: 'type_not_allowed',
      seen: 'png',
      allowed: ['pdf', 'txt', 'docx'],
    });
  });

  it('fails the upload, storing nothing, when clamd cannot be reached', async () => {
    const unreachable = options({ scan: (content) => scanWithClamd('tcp://127.0.0.1:9', content, 2_000) });
    await expect(
      takeInUpload(Readable.from([PDF]), 'a.pdf', 'v/unscanned', unreachable),
    ).rejects.toBeInstanceOf(ScannerUnavailable);
    await expect(options().store.get('v/unscanned')).rejects.toBeInstanceOf(ContentNotFound);
  });
});
