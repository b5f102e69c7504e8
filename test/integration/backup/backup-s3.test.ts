import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client } from 'pg';
import { runBackupJob } from '../../../src/backup/backup-job';
import { s3Target } from '../../../src/backup/backup-target';
import { BackupInvalid } from '../../../src/backup/manifest';
import { restoreBackup } from '../../../src/backup/restore';
import { runRestoreDrill } from '../../../src/backup/restore-drill';
import { DEFAULT_RETENTION } from '../../../src/backup/retention';
import { BackupRuns } from '../../../src/db/repositories/backup-runs.repository';
import { SqlFileStore } from '../../../src/db/repositories/file-library.repository';
import { FileLibrary } from '../../../src/domain/files/file-library.service';
import { PRIVATE_SCOPE } from '../../../src/domain/files/model';
import type { S3Settings } from '../../../src/storage/s3-content-store';
import { S3ContentStore } from '../../../src/storage/s3-content-store';
import { createEmptyDatabase } from '../../support/database';
import { startS3Server } from '../../support/s3-server';
import { useWorkflowDatabase } from '../workflows-support';

/**
 * Backups on S3-compatible storage (a real s3rver over HTTP), with the file contents that live in
 * S3: backed up encrypted to S3, restored from S3 into a fresh database and a fresh file store,
 * every table row for row and every object byte for byte; a part changed in the bucket is refused.
 */
jest.setTimeout(90_000);

const { db } = useWorkflowDatabase();
const SECRET = 'correct horse battery staple';
let files: Awaited<ReturnType<typeof startS3Server>>;
let backups: Awaited<ReturnType<typeof startS3Server>>;
let fileStore: S3ContentStore;
const scratch: Array<{ drop(): Promise<void> }> = [];

beforeAll(async () => {
  files = await startS3Server('gongwu-files');
  backups = await startS3Server('gongwu-backups');
  fileStore = new S3ContentStore(files.settings);
  const spool = await mkdtemp(join(tmpdir(), 'gongwu-s3-backup-spool-'));
  const [grace] = await query<{ id: number }>(
    db.url,
    "SELECT id FROM people WHERE slack_user_id = 'U01GRACE0'",
  );
  const library = new FileLibrary({
    store: new SqlFileStore(() => db.sequelize),
    contents: fileStore,
    clock: () => new Date(),
    settings: {
      timeZone: 'Asia/Taipei',
      intake: { limits: { maxBytes: 5e6, allowed: ['pdf'] }, tempRoot: spool },
    },
    memberChannels: async () => new Set(),
  });
  for (const [title, size] of [
    ['年度預算報告', 1_100_000],
    ['會議紀錄', 3_000],
  ] as const) {
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)]);
    await library.upload(grace!.id, {
      title,
      abstract: '',
      keywords: '',
      confidentiality: 'internal',
      scope: PRIVATE_SCOPE,
      categoryId: null,
      departmentId: null,
      label: '',
      changeNote: '',
      source: { name: `${title}.pdf`, open: () => Readable.from([content]) },
    });
  }
  await rm(spool, { recursive: true, force: true });
});
afterAll(async () => {
  fileStore?.close();
  for (const database of scratch) await database.drop();
  await files?.stop();
  await backups?.stop();
});

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function rowsOf(url: string, tables: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables)
    out[table] = (
      await query<{ line: string }>(url, `SELECT row_to_json(t)::text AS line FROM "${table}" t ORDER BY 1`)
    ).map((row) => row.line);
  return out;
}

async function objectsOf(store: S3ContentStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const { key } of store.list()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
    out[key] = Buffer.concat(chunks).toString('base64');
  }
  return out;
}

const backupSettings = (): S3Settings => ({ ...backups.settings, prefix: 'nightly/' });

async function backupToS3(): Promise<string> {
  const outcome = await runBackupJob(
    new BackupRuns(db.sequelize),
    {
      databaseUrl: db.url,
      dir: '/nonexistent',
      target: s3Target(backupSettings()),
      contents: fileStore,
      encryptionSecret: SECRET,
      retention: DEFAULT_RETENTION,
      timeZone: 'Asia/Taipei',
      appVersion: 'test',
    },
    null,
  );
  if (outcome.status !== 'succeeded') throw new Error(`backup: ${JSON.stringify(outcome)}`);
  return outcome.name;
}

it('backs up to S3 with the file objects, and restores every table and every object', async () => {
  const name = await backupToS3();
  const target = s3Target(backupSettings());
  expect((await target.list()).map((backup) => backup.name)).toEqual([name]);

  const opened = await target.open(name);
  const restored = await createEmptyDatabase('gongwu_s3_restore');
  scratch.push(restored);
  // A fresh file store: the objects come back from the backup, not from the old one.
  const freshStore = new S3ContentStore({ ...files.settings, prefix: 'restored/' });
  try {
    const report = await restoreBackup({
      backupDir: opened.dir,
      databaseUrl: restored.url,
      encryptionSecret: SECRET,
      contents: freshStore,
    });
    expect(report.manifest.encryption?.algorithm).toBe('aes-256-gcm');
    expect(report.manifest.objects).toMatchObject({ count: 2, file: 'objects/file-contents.jsonl.gz.enc' });
    expect(report.manifest.objects!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.objects).toMatchObject({ count: 2, restored: 2 });
    // backup_runs holds this very run, still "running" when the snapshot was taken.
    const tables = Object.keys(report.manifest.tables).filter((table) => table !== 'backup_runs');
    expect(tables).toEqual(expect.arrayContaining(['people', 'audit_log', 'file_versions']));
    expect(await rowsOf(restored.url, tables)).toEqual(await rowsOf(db.url, tables));
    const original = await objectsOf(fileStore);
    expect(Object.keys(original)).toHaveLength(2);
    expect(await objectsOf(freshStore)).toEqual(original);
  } finally {
    freshStore.close();
    await opened.close();
  }
});

it('runs a restore drill from S3, checking the objects without writing them', async () => {
  const outcome = await runRestoreDrill(
    new BackupRuns(db.sequelize),
    {
      databaseUrl: db.url,
      backupDir: '/nonexistent',
      target: s3Target(backupSettings()),
      encryptionSecret: SECRET,
    },
    null,
  );
  expect(outcome).toMatchObject({ status: 'succeeded' });
});

it('refuses a backup whose part was changed in the bucket, naming the part', async () => {
  const name = await backupToS3();
  const client = new S3Client({
    endpoint: backups.settings.endpoint,
    region: backups.settings.region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: backups.settings.accessKeyId,
      secretAccessKey: backups.settings.secretAccessKey,
    },
  });
  const Key = `nightly/${name}/objects/file-contents.jsonl.gz.enc`;
  const body = Buffer.from(
    await (
      await client.send(new GetObjectCommand({ Bucket: backups.settings.bucket, Key }))
    ).Body!.transformToByteArray(),
  );
  const middle = body.length >> 1;
  body.writeUInt8(body.readUInt8(middle) ^ 0xff, middle);
  await client.send(new PutObjectCommand({ Bucket: backups.settings.bucket, Key, Body: body }));
  client.destroy();

  const opened = await s3Target(backupSettings()).open(name);
  const restored = await createEmptyDatabase('gongwu_s3_corrupt');
  scratch.push(restored);
  try {
    const attempt = restoreBackup({
      backupDir: opened.dir,
      databaseUrl: restored.url,
      encryptionSecret: SECRET,
    });
    await expect(attempt).rejects.toThrow(BackupInvalid);
    await expect(attempt).rejects.toThrow(
      /objects\/file-contents\.jsonl\.gz\.enc has SHA-256 [0-9a-f]{64}, the manifest says/,
    );
    // Nothing was written: the target is still empty.
    const [tables] = await query<{ n: number }>(
      restored.url,
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables?.n).toBe(0);
  } finally {
    await opened.close();
  }
});

describe('npm run backup and npm run restore with BACKUP_S3_*', () => {
  const ROOT = join(__dirname, '..', '..', '..');
  function run(script: string, args: string[], env: Record<string, string>) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        [join(ROOT, 'src', 'cli', script), ...args],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            NODE_ENV: 'test',
            SLACK_BOT_TOKEN: '',
            SLACK_APP_TOKEN: '',
            SLACK_SIGNING_SECRET: '',
            LOG_LEVEL: 'warn',
            BACKUP_ENCRYPTION_KEY: SECRET,
            BACKUP_S3_URL: backups.settings.endpoint,
            BACKUP_S3_BUCKET: backups.settings.bucket,
            BACKUP_S3_ACCESS_KEY_ID: backups.settings.accessKeyId,
            BACKUP_S3_SECRET_ACCESS_KEY: backups.settings.secretAccessKey,
            BACKUP_S3_PREFIX: 'cli/',
            FILES_S3_URL: files.settings.endpoint,
            FILES_S3_BUCKET: files.settings.bucket,
            FILES_S3_ACCESS_KEY_ID: files.settings.accessKeyId,
            FILES_S3_SECRET_ACCESS_KEY: files.settings.secretAccessKey,
            FILES_S3_PREFIX: files.settings.prefix,
            ...env,
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('backs up to the bucket, restores by s3:// address, and logs both', async () => {
    const backup = await run('backup.ts', [], { DATABASE_URL: db.url });
    expect(backup.stderr).not.toMatch(/Backup (failed|refused)/);
    expect(backup.code).toBe(0);
    const name = /(gongwu-\d{8}T\d{6}Z(?:-\d+)?)/.exec(backup.stdout)?.[1];
    expect(backup.stdout).toContain(`backup written: s3://${backups.settings.bucket}/cli/${name}`);
    expect(backup.stdout).toContain('2 file objects');
    const restored = await createEmptyDatabase('gongwu_s3_cli');
    scratch.push(restored);
    const restore = await run(
      'restore.ts',
      [`s3://${backups.settings.bucket}/cli/${name}`, '--database-url', restored.url],
      { DATABASE_URL: db.url },
    );
    expect(restore.stderr).not.toMatch(/Restore (failed|refused)/);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/counts match the manifest.*2 file objects checked, 0 put back/);
    const [logged] = await query<{ kind: string; summary: string }>(
      restored.url,
      "SELECT kind, summary FROM maintenance_log WHERE kind = 'restore_succeeded'",
    );
    expect(logged?.summary).toContain(`restored s3://${backups.settings.bucket}/cli/${name}`);
    const [written] = await query<{ summary: string }>(
      db.url,
      "SELECT summary FROM maintenance_log WHERE kind = 'backup_succeeded' ORDER BY id DESC LIMIT 1",
    );
    expect(written?.summary).toContain(`backup ${name} written (cli)`);
  });
});
