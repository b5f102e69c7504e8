import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { QueryTypes } from 'sequelize';
import { fileAccess } from '../../../src/domain/files/access';
import { FileLibraryError } from '../../../src/domain/files/file-errors';
import { PRIVATE_SCOPE } from '../../../src/domain/files/model';
import type { SlackFileRef } from '../../../src/domain/workflows/model';
import { addDays, todayIn } from '../../../src/domain/workflows/working-days';
import { workflows as engine, files } from '../../support/workflows';
import {
  leaveForm,
  outboxSummary,
  PEOPLE,
  refusal,
  submitted,
  useWorkflowDatabase,
} from '../workflows-support';

/**
 * Request attachments in the file library (issue 15, docs/files-attachments.md): stored linked to
 * the request, read by exactly whoever may view the request (the engine's rule through the
 * library's port), recorded on the request, carried over on resubmission, listed in the CSV.
 */

const { alice, bob, carol, daniel, evan, fiona, grace, henry, leader } = PEOPLE;
const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });

const personId = async (slackId: string) => {
  const [row] = await db.sequelize.query<{ id: number }>(
    'SELECT id FROM people WHERE slack_user_id = :slackId',
    {
      type: QueryTypes.SELECT,
      replacements: { slackId },
    },
  );
  return row!.id;
};

const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\nmedical note\n'), randomBytes(3000)]);

/** The file as the app stores an attachment (request-attachments.ts does the same). */
async function storeAttachment(instanceId: number, name: string, content: Buffer) {
  return files.upload(await personId(evan), {
    title: name,
    abstract: '',
    keywords: '',
    categoryId: null,
    departmentId: null,
    confidentiality: 'internal',
    scope: PRIVATE_SCOPE,
    label: '',
    changeNote: '',
    source: { name, open: () => Readable.from([content]) },
    workflowInstanceId: instanceId,
  });
}

async function fileRefusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FileLibraryError) return error.refusal.code;
    throw error;
  }
  throw new Error('expected a FileLibraryError');
}

const attachmentsOf = async (slackId: string, reference: string) =>
  (await engine.getInstance(slackId, reference)).values.attachments as SlackFileRef[];

/** A five-day leave: Bob (finance head), then the leader; Carol (HR) in CC. */
async function fiveDayLeave(attachments: SlackFileRef[]) {
  return submitted(
    await engine.submitRequest(evan, 'leave', { ...leaveForm(monday, addDays(monday, 4)), attachments }),
  );
}

describe('a request’s attachment', () => {
  it('is pending until stored, then carries its library reference; the tracking card is told', async () => {
    const request = await fiveDayLeave([{ id: 'F0NOTE0001', name: 'medical-note.pdf' }]);
    expect(await attachmentsOf(evan, request.reference)).toEqual([
      { id: 'F0NOTE0001', name: 'medical-note.pdf' },
    ]);
    const content = pdf();
    const { file, version } = await storeAttachment(request.instanceId, 'medical-note.pdf', content);
    expect(file.workflowInstanceId).toBe(request.instanceId);
    expect(file.scope).toEqual(PRIVATE_SCOPE);
    const recorded = await engine.recordAttachments(request.instanceId, [
      { slackFileId: 'F0NOTE0001', stored: { reference: file.reference, size: version.sizeBytes } },
      // An outcome for a file the request does not have changes nothing.
      { slackFileId: 'F0OTHER001', refused: 'too_large' },
    ]);
    expect(recorded.changed).toBe(1);
    expect(await attachmentsOf(evan, request.reference)).toEqual([
      {
        id: 'F0NOTE0001',
        name: 'medical-note.pdf',
        stored: { reference: file.reference, size: content.length },
      },
    ]);
    // The submission's row and the attachments' row, both for Evan's tracking card.
    expect(
      (await outboxSummary(request.instanceId)).filter((row) => row === `request_updated→${evan}`),
    ).toHaveLength(2);
    // A second answer for the same file does not overwrite the first.
    await engine.recordAttachments(request.instanceId, [{ slackFileId: 'F0NOTE0001', refused: 'infected' }]);
    expect((await attachmentsOf(evan, request.reference))[0]!.stored?.reference).toBe(file.reference);
  });

  it('is read by the requester, every step’s approvers, CC and admins; to anyone else it does not exist', async () => {
    const request = await fiveDayLeave([{ id: 'F0NOTE0002', name: 'medical-note.pdf' }]);
    const content = pdf();
    const { file } = await storeAttachment(request.instanceId, 'medical-note.pdf', content);
    // Bob decides now; the leader decides later; Carol is in CC; Alice is an admin.
    for (const reader of [evan, bob, leader, carol, alice]) {
      const download = await files.download(await personId(reader), file.reference);
      expect((await buffer(download.content)).equals(content)).toBe(true);
    }
    // The IT head, employees of HR and IT, a guest: not a word, not even who could grant it.
    for (const outsider of [daniel, grace, fiona, henry]) {
      const id = await personId(outsider);
      expect(await fileRefusal(files.download(id, file.reference))).toBe('not_found');
      expect(await fileRefusal(files.open(id, file.reference))).toBe('not_found');
      expect(await fileRefusal(files.versions(id, file.reference))).toBe('not_found');
    }
    // Only the requester (and admins) find it in the library's search; approvers open it from the request.
    const found = async (slackId: string) =>
      (await files.search(await personId(slackId), { query: 'medical' })).files.map((f) => f.reference);
    expect(await found(evan)).toContain(file.reference);
    expect(await found(bob)).not.toContain(file.reference);
    expect(await found(fiona)).not.toContain(file.reference);
    // Downloads are audited under the file's reference.
    const [audited] = await db.sequelize.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'file.downloaded' AND subject_id = :reference",
      { type: QueryTypes.SELECT, replacements: { reference: file.reference } },
    );
    expect(Number(audited!.n)).toBe(5);
  });

  it('a requester’s department head who is not on the route has no right to it', async () => {
    // Grace (HR) asks; her head Carol approves. Daniel heads IT: nothing to do with it.
    const request = submitted(
      await engine.submitRequest(grace, 'leave', {
        ...leaveForm(monday, monday),
        attachments: [{ id: 'F0NOTE0003', name: 'note.pdf' }],
      }),
    );
    const { file } = await files.upload(await personId(grace), {
      title: 'note.pdf',
      abstract: '',
      keywords: '',
      categoryId: null,
      departmentId: null,
      confidentiality: 'internal',
      scope: PRIVATE_SCOPE,
      label: '',
      changeNote: '',
      source: { name: 'note.pdf', open: () => Readable.from([pdf()]) },
      workflowInstanceId: request.instanceId,
    });
    expect((await files.open(await personId(carol), file.reference)).access.level).toBe('reader');
    expect(await fileRefusal(files.open(await personId(daniel), file.reference))).toBe('not_found');
    expect(await fileRefusal(files.open(await personId(bob), file.reference))).toBe('not_found');
    // Readers of an attachment cannot manage it (new version, scope): that is the requester's.
    expect(await fileRefusal(files.changeScope(await personId(carol), file.reference, PRIVATE_SCOPE))).toBe(
      'not_owner',
    );
  });

  it('keeps what was stored across a resubmission; a new file starts pending, a removed one goes', async () => {
    const request = await fiveDayLeave([
      { id: 'F0KEEP0001', name: 'keep.pdf' },
      { id: 'F0DROP0001', name: 'drop.pdf' },
    ]);
    await engine.recordAttachments(request.instanceId, [
      { slackFileId: 'F0KEEP0001', stored: { reference: 'FILE-2099-0001', size: 10 } },
      { slackFileId: 'F0DROP0001', refused: 'type_not_allowed' },
    ]);
    const [task] = (await engine.listPendingTasks(bob)).items;
    await engine.reject(bob, task!.taskId, 'Please add the doctor’s note');
    // The form as the modal sends it back: ids and names only (whatever else is claimed is ignored).
    const result = await engine.resubmit(evan, request.instanceId, {
      ...leaveForm(monday, addDays(monday, 4)),
      attachments: [
        { id: 'F0KEEP0001', name: 'keep.pdf', stored: { reference: 'FILE-1999-0666', size: 1 } },
        { id: 'F0NEW00001', name: 'doctor.pdf', stored: { reference: 'FILE-1999-0667', size: 1 } },
      ],
    });
    expect(result.ok).toBe(true);
    expect(await attachmentsOf(evan, request.reference)).toEqual([
      { id: 'F0KEEP0001', name: 'keep.pdf', stored: { reference: 'FILE-2099-0001', size: 10 } },
      { id: 'F0NEW00001', name: 'doctor.pdf' },
    ]);
  });

  it('is listed by reference in the CSV export (a refused one by its name, marked)', async () => {
    const request = await fiveDayLeave([
      { id: 'F0CSV00001', name: 'note.pdf' },
      { id: 'F0CSV00002', name: 'virus.exe' },
    ]);
    await engine.recordAttachments(request.instanceId, [
      { slackFileId: 'F0CSV00001', stored: { reference: 'FILE-2099-0042', size: 10 } },
      { slackFileId: 'F0CSV00002', refused: 'type_not_allowed' },
    ]);
    const today = todayIn('Asia/Taipei');
    const en = (await engine.exportCsv(alice, { from: today, to: today })).slice(1).split('\r\n');
    expect(en[0]!.endsWith(',fields,attachments')).toBe(true);
    expect(en.find((line) => line.startsWith(request.reference))).toMatch(
      /,FILE-2099-0042 virus\.exe \(refused\)$/,
    );
    const zh = (await engine.exportCsv(alice, { from: today, to: today }, 'zh')).slice(1).split('\r\n');
    expect(zh[0]!.endsWith(',附件')).toBe(true);
    expect(zh.find((line) => line.startsWith(request.reference))).toMatch(
      /FILE-2099-0042 virus\.exe \(未收存\)$/,
    );
  });

  it('refuses the engine’s records for a request nobody may view as such: viewers are asked live', async () => {
    const request = await fiveDayLeave([]);
    expect(await engine.mayViewInstance(bob, request.instanceId)).toBe(true);
    expect(await engine.mayViewInstance(fiona, request.instanceId)).toBe(false);
    expect(await engine.mayViewInstance(fiona, 999_999)).toBe(false);
    expect(await refusal(engine.getInstance(fiona, request.reference))).toBe('not_found');
  });
});

describe('fileAccess for an attachment', () => {
  const reader = { id: 7, roles: ['user'] as const, status: 'active' as const, departmentId: 3 };
  const context = {
    owningDepartmentHeadIds: new Set([7]),
    readerDepartmentLine: [3],
    readerChannelIds: new Set<string>(),
  };
  const file = {
    ownerPersonId: 1,
    departmentId: 3,
    confidentiality: 'internal' as const,
    status: 'active' as const,
    // Even a scope that would include everyone does not open an attachment to a non-viewer.
    scope: { ...PRIVATE_SCOPE, everyone: true },
    workflowInstanceId: 42,
  };
  it('follows the request’s visibility, not the scope or the owning department', () => {
    expect(fileAccess({ ...reader, roles: ['user'] }, file, context)).toEqual({
      level: 'none',
      reason: 'not_found',
    });
    expect(fileAccess({ ...reader, roles: ['user'] }, file, { ...context, mayViewRequest: true })).toEqual({
      level: 'reader',
    });
    expect(
      fileAccess(
        { ...reader, roles: ['user'] },
        { ...file, status: 'withdrawn' },
        { ...context, mayViewRequest: true },
      ),
    ).toEqual({ level: 'none', reason: 'withdrawn' });
    expect(fileAccess({ ...reader, roles: ['admin'] }, file, context)).toEqual({ level: 'owner' });
    expect(fileAccess({ ...reader, id: 1, roles: ['user'] }, file, context)).toEqual({ level: 'owner' });
  });
});
