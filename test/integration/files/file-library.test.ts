import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { QueryTypes } from 'sequelize';
import { SqlFileStore } from '../../../src/db/repositories/file-library.repository';
import { fileAccess } from '../../../src/domain/files/access';
import { FileLibraryError, type FileRefusal } from '../../../src/domain/files/file-errors';
import { FileLibrary, type UploadInput } from '../../../src/domain/files/file-library.service';
import { type FileScope, PRIVATE_SCOPE } from '../../../src/domain/files/model';
import { readOrgFile } from '../../../src/domain/org/org-file';
import type { ContentStore } from '../../../src/storage/content-store';
import { PostgresContentStore } from '../../../src/storage/postgres-content-store';
import { S3ContentStore } from '../../../src/storage/s3-content-store';
import { useTestDatabase } from '../../support/database';
import { useForTestFile } from '../../support/per-file';
import { startS3Server } from '../../support/s3-server';
import { org } from '../../support/workflows';

/**
 * The file library's rules on real PostgreSQL with the example organisation: HR (head Carol,
 * employee Grace), finance (head Bob, employee Evan), IT under the general office (head Daniel,
 * employee Fiona), Alice the admin, Henry the guest, Ivy suspended.
 */

const db = useTestDatabase();
const s3 = useForTestFile(
  'the S3 server',
  () => startS3Server(),
  (server) => server.stop(),
);
const spool = useForTestFile(
  'the spool directory',
  () => mkdtemp(join(tmpdir(), 'gongwu-library-')),
  (dir) => rm(dir, { recursive: true, force: true }),
);

const ids: Record<string, number> = {};
const departments: Record<string, number> = {};
/** Channels each person is in, as Slack would say. */
const memberships = new Map<number, Set<string>>();

beforeAll(async () => {
  const file = await readOrgFile(join(__dirname, '..', '..', '..', 'examples', 'org.yaml'));
  if (!file.ok) throw new Error(JSON.stringify(file.problems));
  const imported = await org.importOrgFile(file.file, { lookupSlackIdByEmail: async () => null });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const people = await db.sequelize.query<{ id: number; name: string }>(
    "SELECT id, lower(split_part(name, ' ', 1)) AS name FROM people",
    {
      type: QueryTypes.SELECT,
    },
  );
  for (const person of people) ids[person.name] = person.id;
  const rows = await db.sequelize.query<{ id: number; key: string }>('SELECT id, key FROM departments', {
    type: QueryTypes.SELECT,
  });
  for (const row of rows) departments[row.key] = row.id;
});

function library(contents: ContentStore = new PostgresContentStore(() => db.sequelize)): FileLibrary {
  return new FileLibrary({
    store: new SqlFileStore(() => db.sequelize),
    contents,
    clock: () => new Date(),
    settings: {
      timeZone: 'Asia/Taipei',
      intake: {
        limits: { maxBytes: 5 * 1024 * 1024, allowed: ['pdf', 'txt', 'csv', 'docx'] },
        tempRoot: spool(),
      },
    },
    memberChannels: async (person) => memberships.get(person.id) ?? new Set(),
  });
}

const pdf = (text = 'x') => Buffer.concat([Buffer.from(`%PDF-1.7\n${text}\n`), randomBytes(2000)]);
const source = (content: Buffer, name = 'report.pdf') => ({ name, open: () => Readable.from([content]) });

function upload(overrides: Partial<UploadInput> = {}): UploadInput {
  return {
    title: '年度預算報告',
    abstract: 'The 2027 budget, by department.',
    keywords: '預算, budget',
    confidentiality: 'internal',
    scope: PRIVATE_SCOPE,
    categoryId: null,
    departmentId: null,
    label: '',
    changeNote: '',
    source: source(pdf()),
    ...overrides,
  };
}

async function refusal(action: Promise<unknown>): Promise<FileRefusal> {
  const error = await action.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof FileLibraryError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.refusal;
}

describe('upload', () => {
  it('stores a file with FILE-<year>-<nnnn>, version 1.0 current, owned by the uploader’s department, audited', async () => {
    const { file, version } = await library().upload(ids.grace!, upload());
    expect(file.reference).toMatch(/^FILE-20\d\d-\d{4}$/);
    expect(file).toMatchObject({
      title: '年度預算報告',
      keywords: ['預算', 'budget'],
      departmentId: departments.hr,
    });
    expect(version).toMatchObject({
      label: '1.0',
      status: 'current',
      kind: 'pdf',
      storageBackend: 'postgres',
    });
    const audit = await db.sequelize.query<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE subject_type = 'file' AND subject_id = :reference",
      { replacements: { reference: file.reference }, type: QueryTypes.SELECT },
    );
    expect(audit).toEqual([{ action: 'file.uploaded', actor: 'U01GRACE0' }]);
  });

  it('reports every field problem at once and stores nothing', async () => {
    const before = await db.sequelize.query('SELECT count(*)::int AS n FROM file_contents', {
      type: QueryTypes.SELECT,
    });
    const result = await refusal(
      library().upload(
        ids.grace!,
        upload({
          title: '  ',
          keywords: `ok, ${'長'.repeat(41)}`,
          confidentiality: 'confidential',
          scope: { ...PRIVATE_SCOPE, everyone: true },
          label: 'final',
          categoryId: 999_999,
        }),
      ),
    );
    expect(result).toEqual({
      code: 'invalid',
      fields: {
        title: { code: 'required' },
        keywords: { code: 'keyword_too_long', keyword: `${'長'.repeat(12)}…`, max: 40 },
        scope: { code: 'confidential_to_everyone' },
        label: { code: 'not_a_version', example: '1.0' },
        category: { code: 'unknown_choice' },
      },
    });
    const after = await db.sequelize.query('SELECT count(*)::int AS n FROM file_contents', {
      type: QueryTypes.SELECT,
    });
    expect(after).toEqual(before);
  });

  it('refuses a program named .pdf, saying what it is', async () => {
    const program = Buffer.concat([Buffer.from('MZ'), randomBytes(500)]);
    expect(
      await refusal(library().upload(ids.grace!, upload({ source: source(program, 'budget.pdf') }))),
    ).toEqual({
      code: 'upload_refused',
      refusal: {
        code: 'type_not_allowed',
        seen: 'a Windows program',
        allowed: ['pdf', 'txt', 'csv', 'docx'],
      },
    });
  });

  it('refuses suspended and unknown people', async () => {
    expect(await refusal(library().upload(ids.ivy!, upload()))).toEqual({ code: 'suspended' });
    expect(await refusal(library().upload(999_999, upload()))).toEqual({ code: 'not_registered' });
  });
});

describe('download and scope', () => {
  it('delivers the exact bytes to someone in scope and records who took which version', async () => {
    const content = pdf('scope');
    const { file } = await library().upload(
      ids.grace!,
      upload({ source: source(content), scope: { ...PRIVATE_SCOPE, departmentIds: [departments.finance!] } }),
    );
    const download = await library().download(ids.evan!, file.reference);
    expect((await buffer(download.content)).equals(content)).toBe(true);
    const recorded = await db.sequelize.query('SELECT person_id FROM file_downloads WHERE file_id = :id', {
      replacements: { id: file.id },
      type: QueryTypes.SELECT,
    });
    expect(recorded).toEqual([{ person_id: ids.evan }]);
  });

  it('tells someone outside the scope who can grant access, and records nothing', async () => {
    const { file } = await library().upload(ids.grace!, upload());
    expect(await refusal(library().download(ids.fiona!, file.reference))).toEqual({
      code: 'not_in_scope',
      reference: file.reference,
      grantorIds: [ids.grace, ids.carol],
    });
    const recorded = await db.sequelize.query('SELECT 1 FROM file_downloads WHERE file_id = :id', {
      replacements: { id: file.id },
      type: QueryTypes.SELECT,
    });
    expect(recorded).toEqual([]);
  });

  it('answers a confidential file outside the scope, and a forged reference, the same way', async () => {
    const { file } = await library().upload(ids.grace!, upload({ confidentiality: 'confidential' }));
    expect(await refusal(library().download(ids.fiona!, file.reference))).toEqual({
      code: 'not_found',
      reference: file.reference,
    });
    expect(await refusal(library().download(ids.fiona!, 'FILE-2026-9999'))).toEqual({
      code: 'not_found',
      reference: 'FILE-2026-9999',
    });
  });

  it('applies a scope change at once and audits it', async () => {
    const { file } = await library().upload(ids.grace!, upload());
    await expect(library().download(ids.fiona!, file.reference)).rejects.toBeInstanceOf(FileLibraryError);
    memberships.set(ids.fiona!, new Set(['C0PROJECTS']));
    await library().changeScope(ids.carol!, file.reference, { ...PRIVATE_SCOPE, channelIds: ['C0PROJECTS'] });
    await expect(library().download(ids.fiona!, file.reference)).resolves.toMatchObject({
      version: { label: '1.0' },
    });
    expect(await refusal(library().changeScope(ids.fiona!, file.reference, PRIVATE_SCOPE))).toEqual({
      code: 'not_owner',
      reference: file.reference,
    });
    const audit = await db.sequelize.query<{ after: { scope: FileScope } }>(
      "SELECT after FROM audit_log WHERE action = 'file.scope_changed' AND subject_id = :reference",
      { replacements: { reference: file.reference }, type: QueryTypes.SELECT },
    );
    expect(audit.map((row) => row.after.scope.channelIds)).toEqual([['C0PROJECTS']]);
  });

  it('gives a guest only what is shared with them by name', async () => {
    const { file } = await library().upload(
      ids.grace!,
      upload({ scope: { ...PRIVATE_SCOPE, everyone: true } }),
    );
    expect((await refusal(library().download(ids.henry!, file.reference))).code).toBe('not_in_scope');
    await library().changeScope(ids.grace!, file.reference, {
      ...PRIVATE_SCOPE,
      everyone: true,
      personIds: [ids.henry!],
    });
    await expect(library().download(ids.henry!, file.reference)).resolves.toBeDefined();
  });
});

describe('versions', () => {
  it('adds versions whose labels increase, keeps every one downloadable, and names earlier downloaders', async () => {
    const v1 = pdf('v1');
    const v2 = pdf('v2');
    const { file } = await library().upload(
      ids.grace!,
      upload({ source: source(v1), scope: { ...PRIVATE_SCOPE, departmentIds: [departments.hr!] } }),
    );
    await library().download(ids.carol!, file.reference);
    const attempt = (label: string, changeNote: string) =>
      refusal(library().newVersion(ids.grace!, file.reference, { label, changeNote, source: source(v2) }));
    expect(await attempt('1.0', 'x')).toEqual({
      code: 'invalid',
      fields: { label: { code: 'version_not_greater', current: '1.0' } },
    });
    expect(await attempt('1.1', ' ')).toEqual({
      code: 'invalid',
      fields: { changeNote: { code: 'required' } },
    });
    const added = await library().newVersion(ids.grace!, file.reference, {
      label: '1.1',
      changeNote: 'Finance figures corrected',
      source: source(v2),
    });
    expect(added).toMatchObject({ review: null, notified: 1 });
    const { versions } = await library().versions(ids.carol!, file.reference);
    expect(versions.map((row) => [row.label, row.status, row.changeNote])).toEqual([
      ['1.1', 'current', 'Finance figures corrected'],
      ['1.0', 'superseded', ''],
    ]);
    expect((await buffer((await library().download(ids.carol!, file.reference)).content)).equals(v2)).toBe(
      true,
    );
    expect(
      (await buffer((await library().download(ids.carol!, file.reference, '1.0')).content)).equals(v1),
    ).toBe(true);
  });

  it('refuses a new version from someone who does not own the file', async () => {
    const { file } = await library().upload(
      ids.grace!,
      upload({ scope: { ...PRIVATE_SCOPE, everyone: true } }),
    );
    expect(
      await refusal(
        library().newVersion(ids.evan!, file.reference, {
          label: '2.0',
          changeNote: 'x',
          source: source(pdf()),
        }),
      ),
    ).toEqual({ code: 'not_owner', reference: file.reference });
  });

  it('withdraws for everyone but the owners, and an admin purge keeps the metadata', async () => {
    const { file } = await library().upload(
      ids.grace!,
      upload({ scope: { ...PRIVATE_SCOPE, everyone: true } }),
    );
    await library().withdraw(ids.grace!, file.reference);
    expect(await refusal(library().download(ids.evan!, file.reference))).toEqual({
      code: 'withdrawn',
      reference: file.reference,
    });
    expect(await refusal(library().purge(ids.grace!, file.reference, '1.0', 'mistake'))).toEqual({
      code: 'not_admin',
    });
    await library().purge(ids.alice!, file.reference, '1.0', 'Uploaded by mistake');
    expect(await refusal(library().download(ids.grace!, file.reference))).toEqual({
      code: 'purged',
      reference: file.reference,
      label: '1.0',
    });
    const { versions } = await library().versions(ids.grace!, file.reference);
    expect(versions[0]).toMatchObject({ label: '1.0', purgeReason: 'Uploaded by mistake' });
  });
});

describe('search', () => {
  it('finds a two-character Chinese word and an English prefix, only among files the reader may see', async () => {
    const lib = library();
    const open = await lib.upload(
      ids.bob!,
      upload({ title: '2027年度預算報告', scope: { ...PRIVATE_SCOPE, everyone: true } }),
    );
    const hidden = await lib.upload(
      ids.bob!,
      upload({ title: '預算 draft (finance only)', confidentiality: 'confidential' }),
    );
    const found = await lib.search(ids.fiona!, { query: '預算' });
    const references = found.files.map((file) => file.reference);
    expect(references).toContain(open.file.reference);
    expect(references).not.toContain(hidden.file.reference);
    const english = await lib.search(ids.bob!, { query: 'budg 預算 draft' });
    expect(english.files.map((file) => file.reference)).toEqual([hidden.file.reference]);
  });

  it('shows exactly the files the access rules allow, for every reader (SQL and domain agree)', async () => {
    const lib = library();
    const scopes: FileScope[] = [
      PRIVATE_SCOPE,
      { ...PRIVATE_SCOPE, everyone: true },
      { ...PRIVATE_SCOPE, departmentIds: [departments['general-office']!] },
      { ...PRIVATE_SCOPE, departmentIds: [departments['general-office']!], includeSubDepartments: true },
      { ...PRIVATE_SCOPE, personIds: [ids.henry!] },
      { ...PRIVATE_SCOPE, channelIds: ['C0AGREE'] },
    ];
    memberships.set(ids.evan!, new Set(['C0AGREE']));
    const marker = `agree${Date.now()}`;
    for (const [i, scope] of scopes.entries())
      for (const status of ['active', 'withdrawn'] as const) {
        const { file } = await lib.upload(ids.grace!, upload({ title: `${marker} ${i} ${status}`, scope }));
        if (status === 'withdrawn') await lib.withdraw(ids.grace!, file.reference);
      }
    const store = new SqlFileStore(() => db.sequelize);
    for (const name of ['alice', 'carol', 'grace', 'evan', 'fiona', 'daniel', 'henry', 'lin']) {
      const reader = (await store.person(ids[name]!))!;
      const found = await lib.search(reader.id, { query: marker, pageSize: 50 });
      const all = await db.sequelize.query<{ reference: string }>(
        'SELECT reference FROM library_files WHERE title LIKE :pattern',
        { replacements: { pattern: `${marker}%` }, type: QueryTypes.SELECT },
      );
      const expected: string[] = [];
      for (const { reference } of all) {
        const file = (await store.file(reference))!;
        const facts = await store.departmentFacts(file.departmentId, reader.departmentId);
        const access = fileAccess(reader, file, {
          owningDepartmentHeadIds: new Set(facts.headIds),
          readerDepartmentLine: facts.readerLine,
          readerChannelIds: memberships.get(reader.id) ?? new Set(),
        });
        if (access.level !== 'none') expected.push(reference);
      }
      expect({ name, files: found.files.map((file) => file.reference).sort() }).toEqual({
        name,
        files: expected.sort(),
      });
    }
  });
});

describe('S3 back end', () => {
  it('uploads, versions and downloads through S3 exactly as through PostgreSQL', async () => {
    const store = new S3ContentStore(s3().settings);
    const lib = library(store);
    const v1 = pdf('s3 v1');
    const { file, version } = await lib.upload(ids.grace!, upload({ source: source(v1) }));
    expect(version.storageBackend).toBe('s3');
    await lib.newVersion(ids.grace!, file.reference, {
      label: '2',
      changeNote: 'rewritten',
      source: source(pdf('v2')),
    });
    expect((await buffer((await lib.download(ids.grace!, file.reference, '1.0')).content)).equals(v1)).toBe(
      true,
    );
    store.close();
  });
});
