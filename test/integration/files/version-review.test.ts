import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { QueryTypes } from 'sequelize';
import { findFanoutItems } from '../../../src/db/repositories/fanout.repository';
import { FileLibraryError, type FileRefusal } from '../../../src/domain/files/file-errors';
import type { UploadInput } from '../../../src/domain/files/file-library.service';
import { PRIVATE_SCOPE } from '../../../src/domain/files/model';
import { NEW_VERSION_PURPOSE } from '../../../src/domain/files/notice-types';
import { files, workflows } from '../../support/workflows';
import { PEOPLE, useWorkflowDatabase } from '../workflows-support';

/**
 * New versions of important files (a category marked important, or confidential) are reviewed by
 * the head of the owning department on the workflow engine before they become current; earlier
 * downloaders who may still read the file are told when a new version is current. The example
 * organisation: HR (head Carol, Grace), finance (head Bob, Evan), IT (head Daniel, Fiona).
 */
const { db } = useWorkflowDatabase();
const ids: Record<string, number> = {};
const departments: Record<string, number> = {};
let important = 0;

beforeAll(async () => {
  const people = await db.sequelize.query<{ id: number; slack_user_id: string }>(
    'SELECT id, slack_user_id FROM people WHERE slack_user_id IS NOT NULL',
    { type: QueryTypes.SELECT },
  );
  for (const person of people) ids[person.slack_user_id] = person.id;
  const rows = await db.sequelize.query<{ id: number; key: string }>('SELECT id, key FROM departments', {
    type: QueryTypes.SELECT,
  });
  for (const row of rows) departments[row.key] = row.id;
  const [category] = await db.sequelize.query<{ id: number }>(
    "INSERT INTO file_categories (name, important) VALUES ('制度文件', TRUE) RETURNING id",
    { type: QueryTypes.SELECT },
  );
  important = category!.id;
});

const person = (slackId: string) => {
  const id = ids[slackId];
  if (id === undefined) throw new Error(`no person ${slackId}`);
  return id;
};
const pdf = (text: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n${text}\n`), randomBytes(1500)]);
const source = (content: Buffer, name = 'rules.pdf') => ({ name, open: () => Readable.from([content]) });

function upload(overrides: Partial<UploadInput> = {}): UploadInput {
  return {
    title: '差勤管理要點',
    abstract: 'Attendance rules.',
    keywords: '差勤, rules',
    confidentiality: 'internal',
    scope: { ...PRIVATE_SCOPE, departmentIds: [departments.hr!, departments.finance!] },
    categoryId: important,
    departmentId: null,
    label: '1.0',
    changeNote: '',
    source: source(pdf('v1')),
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

async function tasksOf(slackId: string, reference: string) {
  const page = await workflows.listPendingTasks(slackId, { limit: 50 });
  return page.items.filter((task) => task.instance.reference === reference);
}

const statuses = async (reference: string) =>
  (await files.versions(person(PEOPLE.grace), reference)).versions.map((row) => [row.label, row.status]);

const noticedPeople = async (fileId: number, versionId: number) =>
  (await findFanoutItems(`file-${fileId}-v${versionId}-notices`)).map((item) => {
    expect(item.purpose).toBe(NEW_VERSION_PURPOSE);
    return item.channel;
  });

describe('new versions of important files', () => {
  it('wait for the owning head; approval makes them current and tells earlier downloaders who may still read', async () => {
    const v1 = pdf('one');
    const v2 = pdf('two');
    const { file } = await files.upload(person(PEOPLE.grace), upload({ source: source(v1) }));
    await files.download(person(PEOPLE.evan), file.reference);
    await files.download(person(PEOPLE.bob), file.reference);
    // Bob's department is taken out of the scope: he may no longer read it, Evan is named.
    await files.changeScope(person(PEOPLE.grace), file.reference, {
      ...PRIVATE_SCOPE,
      departmentIds: [departments.hr!],
      personIds: [person(PEOPLE.evan)],
    });

    const added = await files.newVersion(person(PEOPLE.grace), file.reference, {
      label: '1.1',
      changeNote: 'Flexible hours added',
      source: source(v2, 'rules-1.1.pdf'),
    });
    expect(added.review?.reference).toMatch(/^FVR-\d{4}-\d{4}$/);
    expect(added).toMatchObject({ notified: 0, version: { label: '1.1', status: 'in_review' } });
    expect(await statuses(file.reference)).toEqual([
      ['1.1', 'in_review'],
      ['1.0', 'current'],
    ]);
    // Readers still get 1.0 and do not see 1.1 at all.
    expect(
      (await buffer((await files.download(person(PEOPLE.evan), file.reference)).content)).equals(v1),
    ).toBe(true);
    expect(await refusal(files.download(person(PEOPLE.evan), file.reference, '1.1'))).toMatchObject({
      code: 'no_such_version',
    });
    expect(
      (await files.versions(person(PEOPLE.evan), file.reference)).versions.map((row) => row.label),
    ).toEqual(['1.0']);
    // One version at a time in review.
    expect(
      await refusal(
        files.newVersion(person(PEOPLE.grace), file.reference, {
          label: '1.2',
          changeNote: 'x',
          source: source(pdf('three')),
        }),
      ),
    ).toEqual({ code: 'version_in_review', reference: file.reference, label: '1.1' });

    // The head of HR (the owning department) reviews, nobody else; she can download the pending version.
    expect(await tasksOf(PEOPLE.bob, added.review!.reference)).toEqual([]);
    const [task] = await tasksOf(PEOPLE.carol, added.review!.reference);
    expect(task).toBeDefined();
    expect(task!.instance.values).toMatchObject({
      title: '差勤管理要點',
      reference: file.reference,
      label: '1.1',
      change_note: 'Flexible hours added',
      previous_label: '1.0',
    });
    expect(
      (await buffer((await files.download(person(PEOPLE.carol), file.reference, '1.1')).content)).equals(v2),
    ).toBe(true);

    await workflows.approve(PEOPLE.carol, task!.taskId);
    expect(await statuses(file.reference)).toEqual([
      ['1.1', 'current'],
      ['1.0', 'superseded'],
    ]);
    expect(
      (await buffer((await files.download(person(PEOPLE.evan), file.reference)).content)).equals(v2),
    ).toBe(true);
    // Evan downloaded 1.0 and may read it: told. Bob may not any more; Carol downloaded only 1.1.
    expect(await noticedPeople(file.id, added.version.id)).toEqual([PEOPLE.evan]);
    const audit = await db.sequelize.query<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE subject_type = 'file' AND subject_id = :reference AND action LIKE 'file.version%' ORDER BY id",
      { replacements: { reference: file.reference }, type: QueryTypes.SELECT },
    );
    expect(audit).toEqual([
      { action: 'file.version_submitted', actor: PEOPLE.grace },
      { action: 'file.version_approved', actor: PEOPLE.carol },
    ]);
  });

  it('rejected with a reason, the old version stays current and the uploader is told', async () => {
    // Confidential: reviewed whatever its category. Owned by finance: Bob reviews, not Carol.
    const { file } = await files.upload(
      person(PEOPLE.grace),
      upload({
        categoryId: null,
        confidentiality: 'confidential',
        departmentId: departments.finance!,
        scope: { ...PRIVATE_SCOPE, personIds: [person(PEOPLE.evan)] },
      }),
    );
    await files.download(person(PEOPLE.evan), file.reference);
    const added = await files.newVersion(person(PEOPLE.grace), file.reference, {
      label: '2.0',
      changeNote: 'Rewritten',
      source: source(pdf('two')),
    });
    expect(await tasksOf(PEOPLE.carol, added.review!.reference)).toEqual([]);
    const [task] = await tasksOf(PEOPLE.bob, added.review!.reference);
    await workflows.reject(PEOPLE.bob, task!.taskId, 'Figures do not match the budget');

    expect(await statuses(file.reference)).toEqual([['1.0', 'current']]);
    expect(await noticedPeople(file.id, added.version.id)).toEqual([]);
    const told = await db.sequelize.query<{ recipient_slack_id: string; outcome: string }>(
      `SELECT o.recipient_slack_id, o.payload->>'outcome' AS outcome FROM outbox o
       JOIN workflow_instances i ON i.id = o.instance_id
       WHERE i.reference = :reference AND o.kind = 'request_decided'`,
      { replacements: { reference: added.review!.reference }, type: QueryTypes.SELECT },
    );
    expect(told).toEqual([{ recipient_slack_id: PEOPLE.grace, outcome: 'rejected' }]);
    // A rejected label is spent; the next upload goes above it.
    expect(
      await refusal(
        files.newVersion(person(PEOPLE.grace), file.reference, {
          label: '2.0',
          changeNote: 'Again',
          source: source(pdf('again')),
        }),
      ),
    ).toEqual({ code: 'invalid', fields: { label: { code: 'version_not_greater', current: '2.0' } } });
    const next = await files.newVersion(person(PEOPLE.grace), file.reference, {
      label: '2.1',
      changeNote: 'Figures fixed',
      source: source(pdf('again')),
    });
    expect(next.version.status).toBe('in_review');
  });

  it('of an ordinary file become current at once, and earlier downloaders are told', async () => {
    const { file } = await files.upload(person(PEOPLE.grace), upload({ categoryId: null }));
    await files.download(person(PEOPLE.evan), file.reference);
    await files.download(person(PEOPLE.grace), file.reference);
    const added = await files.newVersion(person(PEOPLE.grace), file.reference, {
      label: '1.1',
      changeNote: 'Typo',
      source: source(pdf('typo')),
    });
    expect(added).toMatchObject({ review: null, notified: 1, version: { status: 'current' } });
    expect(await statuses(file.reference)).toEqual([
      ['1.1', 'current'],
      ['1.0', 'superseded'],
    ]);
    // The uploader is not told of their own version.
    expect(await noticedPeople(file.id, added.version.id)).toEqual([PEOPLE.evan]);
  });

  it('returned for changes, the version waits; the next upload sets it aside and is reviewed instead', async () => {
    const { file } = await files.upload(person(PEOPLE.grace), upload());
    const first = await files.newVersion(person(PEOPLE.grace), file.reference, {
      label: '1.1',
      changeNote: 'Draft',
      source: source(pdf('draft')),
    });
    const [task] = await tasksOf(PEOPLE.carol, first.review!.reference);
    await workflows.returnForChanges(PEOPLE.carol, task!.taskId, 'Attach the annex');
    expect(await statuses(file.reference)).toEqual([
      ['1.1', 'in_review'],
      ['1.0', 'current'],
    ]);
    const second = await files.newVersion(person(PEOPLE.grace), file.reference, {
      label: '1.2',
      changeNote: 'With the annex',
      source: source(pdf('annex')),
    });
    expect(second.review?.reference).not.toBe(first.review?.reference);
    // The owner's Versions list: the returned 1.1 is set aside (not listed), 1.2 waits.
    expect(await statuses(file.reference)).toEqual([
      ['1.2', 'in_review'],
      ['1.0', 'current'],
    ]);
  });
});
