import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { WebClient } from '@slack/web-api';
import { QueryTypes } from 'sequelize';
import type { SlackFileRef } from '../../src/domain/workflows/model';
import { todayIn } from '../../src/domain/workflows/working-days';
import { translator } from '../../src/slack/i18n';
import { resumeInterruptedAttachments } from '../../src/slack/request-attachments';
import type { UserContext } from '../../src/slack/user-context';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { buttonClick, sendInteraction } from '../support/slack-payloads';
import { files, workflows } from '../support/workflows';

/**
 * Request attachments end to end (issue 15, docs/files-attachments.md): a file attached to /leave
 * in the modal is read by the app with the bot token from the emulator (files.info,
 * url_private_download), stored in the file library linked to the request, and listed on the
 * approver's card, the requester's tracking card and Details as `reference · name · size` with a
 * `file_download` button; refused files are told to the requester with the reason, in their
 * language; the CSV export lists the references.
 */

let running: RunningPlatform;
const emu = () => running.emulator;

beforeAll(async () => {
  // A small limit, so a "too large" file is small enough for the test.
  running = await startTestPlatform({ env: { FILES_MAX_MB: '0.5' } });
}, 60_000);
afterAll(() => running.stop());

const MONDAY = '2027-03-08';
const TUESDAY = '2027-03-09';

const pdf = (size = 3000) => Buffer.concat([Buffer.from('%PDF-1.7\nmedical note\n'), randomBytes(size)]);
/** A Windows executable's first bytes: refused whatever its name says. */
const exe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64), randomBytes(500)]);

const dm = (userId: string) => emu().messages(emu().dmChannelOf(userId));

async function leaveWithFiles(
  userId: string,
  start: string,
  attachments: { name: string; content: Buffer; mimetype?: string }[],
) {
  await emu().as(userId).command('/leave', '');
  await emu().waitFor(() => emu().openViews(userId).length > 0, { description: `${userId}'s leave form` });
  await emu()
    .as(userId)
    .fillModal({
      leave_type: 'annual',
      'field:start:date': start,
      'field:end:date': start,
      reason: 'Doctor’s appointment',
      attachments: { files: attachments },
    });
  const result = await emu().as(userId).submitView();
  expect(result.outcome).toBe('closed');
}

const referenceOf = (text: string) => {
  const match = /LV-\d{4}-\d{4}/.exec(text);
  if (!match) throw new Error(`no reference in ${text}`);
  return match[0];
};

/** The approver's card for the request that lists the attachment with a stored reference. */
async function cardListing(userId: string, fileName: string) {
  return emu().waitFor(
    () =>
      dm(userId).find((m) => {
        const text = JSON.stringify(m);
        return text.includes(fileName) && /FILE-\d{4}-\d{4}/.test(text) && text.includes('"file_download"');
      }),
    { timeoutMs: 15_000, description: `${userId}'s card listing ${fileName}` },
  );
}

const personId = async (slackId: string) => {
  const [row] = await running.db.sequelize.query<{ id: number }>(
    'SELECT id FROM people WHERE slack_user_id = :slackId',
    { type: QueryTypes.SELECT, replacements: { slackId } },
  );
  return row!.id;
};

describe('a /leave request with files (中文)', () => {
  it('stores the file in the library linked to the request; the cards list it with Download; the refused one is explained', async () => {
    const note = pdf();
    await leaveWithFiles('U01EVAN00', MONDAY, [
      { name: 'medical-note.pdf', content: note, mimetype: 'application/pdf' },
      { name: 'scan.pdf', content: exe(), mimetype: 'application/pdf' },
    ]);

    // Bob's approval card: reference · name · size, a Download button carrying the reference.
    const card = await cardListing('U01BOB000', 'medical-note.pdf');
    const cardText = JSON.stringify(card);
    const reference = referenceOf(cardText);
    const fileReference = /FILE-\d{4}-\d{4}/.exec(cardText)![0];
    expect(cardText).toContain(`\`${fileReference}\` · medical-note.pdf · `);
    const button = (card.blocks ?? [])
      .flatMap((block) => {
        const accessory = (block as { accessory?: { action_id?: string; value?: string } }).accessory;
        return accessory ? [accessory] : [];
      })
      .find((accessory) => accessory.action_id === 'file_download');
    expect(button?.value).toBe(fileReference);
    // The exe dressed as a PDF is shown refused, in Bob's language, with no button.
    expect(cardText).toContain('scan.pdf · ⛔ 未收存');

    // In the library: the requester's, internal, linked to the request, the same bytes.
    const [row] = await running.db.sequelize.query<{
      title: string;
      confidentiality: string;
      reference: string;
      owner: string;
    }>(
      `SELECT f.title, f.confidentiality, i.reference, p.slack_user_id AS owner
         FROM library_files f
         JOIN workflow_instances i ON i.id = f.workflow_instance_id
         JOIN people p ON p.id = f.owner_person_id
        WHERE f.reference = :fileReference`,
      { type: QueryTypes.SELECT, replacements: { fileReference } },
    );
    expect(row).toEqual({
      title: 'medical-note.pdf',
      confidentiality: 'internal',
      reference,
      owner: 'U01EVAN00',
    });
    // Bob, the approver, may download it; Fiona, from another department, is told it does not exist.
    const download = await files.download(await personId('U01BOB000'), fileReference);
    expect((await buffer(download.content)).equals(note)).toBe(true);
    await expect(files.download(await personId('U01FIONA0'), fileReference)).rejects.toMatchObject({
      refusal: { code: 'not_found' },
    });

    // Evan's tracking card lists it too, and Evan is told why scan.pdf was not kept, in Chinese.
    await emu().waitFor(
      () =>
        dm('U01EVAN00').some(
          (m) => JSON.stringify(m).includes(fileReference) && JSON.stringify(m).includes(reference),
        ),
      { timeoutMs: 10_000, description: 'Evan’s tracking card with the attachment' },
    );
    const told = await emu().waitFor(
      () =>
        dm('U01EVAN00').find((m) => (m.text ?? '').includes('scan.pdf') && (m.text ?? '').includes('未收存')),
      { timeoutMs: 10_000, description: 'Evan told about scan.pdf' },
    );
    expect(told.text).toContain(reference);
    expect(told.text).toContain('不接受此類型的檔案');

    // Details (opened by Bob from his card) lists it with its button too.
    const bob = emu().as('U01BOB000');
    await bob.clickButton({
      actionId: 'wf_details',
      in: { channel: emu().dmChannelOf('U01BOB000'), ts: card.ts },
    });
    await emu().waitFor(() => emu().openViews('U01BOB000').length > 0, { description: 'Details open' });
    const details = JSON.stringify(emu().openViews('U01BOB000').at(-1));
    expect(details).toContain(fileReference);
    expect(details).toContain('"file_download"');
    await bob.closeView({ all: true });

    // The CSV export lists the request's attachment references (Alice reads zh-TW).
    const today = todayIn('Asia/Taipei');
    const before = emu().files().length;
    await emu().as('U01ALICE0').command('/oa', `export ${today} ${today}`);
    const csv = await emu().waitFor(
      () =>
        emu()
          .files()
          .slice(before)
          .find((file) => file.name.endsWith('.csv')),
      { timeoutMs: 10_000, description: 'the CSV export' },
    );
    const line = csv.content
      .toString('utf8')
      .split('\r\n')
      .find((l) => l.startsWith(reference));
    expect(line).toMatch(new RegExp(`${fileReference} scan\\.pdf \\(未收存\\)$`));
  });
});

describe('a /leave request with files (English)', () => {
  it('reports a file over the size limit to the requester with the reason; the card shows it refused', async () => {
    await leaveWithFiles('U01FIONA0', TUESDAY, [
      { name: 'x-ray.pdf', content: pdf(600 * 1024), mimetype: 'application/pdf' },
    ]);
    const told = await emu().waitFor(
      () =>
        dm('U01FIONA0').find(
          (m) => (m.text ?? '').includes('x-ray.pdf') && (m.text ?? '').includes('refused'),
        ),
      { timeoutMs: 15_000, description: 'Fiona told about x-ray.pdf' },
    );
    expect(told.text).toContain('larger than the file library accepts');
    const card = await emu().waitFor(
      () => dm('U01DANIEL').find((m) => JSON.stringify(m).includes('x-ray.pdf · ⛔ refused')),
      { timeoutMs: 10_000, description: 'Daniel’s card with the refused file' },
    );
    expect(JSON.stringify(card)).not.toContain('"file_download"');
    const [stored] = await running.db.sequelize.query<{ n: string }>(
      "SELECT count(*) AS n FROM library_files WHERE title = 'x-ray.pdf'",
      { type: QueryTypes.SELECT },
    );
    expect(Number(stored!.n)).toBe(0);
  });
});

describe('resubmission after a rejection', () => {
  it('keeps the stored attachments when the file input is left empty; a new file replaces the list', async () => {
    await leaveWithFiles('U01EVAN00', '2027-03-12', [
      { name: 'first-note.pdf', content: pdf(), mimetype: 'application/pdf' },
    ]);
    const card = await cardListing('U01BOB000', 'first-note.pdf');
    const reference = referenceOf(JSON.stringify(card));
    const firstFile = /FILE-\d{4}-\d{4}/.exec(JSON.stringify(card))![0];
    /** Bob rejects from his card, as a person does (the reason modal). */
    const rejectFrom = async (ts: string, reason: string) => {
      await emu()
        .as('U01BOB000')
        .clickButton({ actionId: 'wf_reject', in: { channel: emu().dmChannelOf('U01BOB000'), ts } });
      await emu().waitFor(() => emu().openViews('U01BOB000').length > 0, { description: 'the reason modal' });
      await emu().as('U01BOB000').fillModal({ wf_reason: reason });
      expect((await emu().as('U01BOB000').submitView()).outcome).toBe('closed');
    };
    await rejectFrom(card.ts, 'Dates clash with the audit');
    const libraryFiles = async () =>
      Number(
        (
          await running.db.sequelize.query<{ n: string }>(
            'SELECT count(*) AS n FROM library_files f JOIN workflow_instances i ON i.id = f.workflow_instance_id WHERE i.reference = :reference',
            { type: QueryTypes.SELECT, replacements: { reference } },
          )
        )[0]!.n,
      );
    expect(await libraryFiles()).toBe(1);

    const resubmit = async (attachments?: { name: string; content: Buffer }[]) => {
      const tracking = await emu().waitFor(
        () =>
          dm('U01EVAN00').find(
            (m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('"wf_resubmit"'),
          ),
        { timeoutMs: 10_000, description: 'Evan’s card with Resubmit' },
      );
      await emu()
        .as('U01EVAN00')
        .clickButton({
          actionId: 'wf_resubmit',
          in: { channel: emu().dmChannelOf('U01EVAN00'), ts: tracking.ts },
        });
      await emu().waitFor(() => emu().openViews('U01EVAN00').length > 0, {
        description: 'the resubmission form',
      });
      // The form names the files the request has (Slack cannot pre-fill a file input).
      expect(JSON.stringify(emu().openViews('U01EVAN00').at(-1))).toContain('first-note.pdf');
      if (attachments)
        await emu()
          .as('U01EVAN00')
          .fillModal({ attachments: { files: attachments } });
      expect((await emu().as('U01EVAN00').submitView()).outcome).toBe('closed');
    };

    // Left empty: the same library file, nothing copied again.
    await resubmit();
    const again = await emu().waitFor(
      () =>
        dm('U01BOB000').find(
          (m) =>
            JSON.stringify(m).includes(reference) &&
            JSON.stringify(m).includes('"wf_approve"') &&
            m.ts !== card.ts,
        ),
      { timeoutMs: 10_000, description: 'Bob’s card for the second revision' },
    );
    expect(JSON.stringify(again)).toContain(firstFile);
    expect(await libraryFiles()).toBe(1);

    // A new file: it replaces the list and is stored; the first stays in the library, linked.
    await rejectFrom(again.ts, 'Still clashes');
    await resubmit([{ name: 'second-note.pdf', content: pdf() }]);
    await emu().waitFor(async () => (await libraryFiles()) === 2, { description: 'the new file stored' });
    const entries = (await workflows.getInstance('U01EVAN00', reference)).values
      .attachments as SlackFileRef[];
    expect(entries.map((entry) => entry.name)).toEqual(['second-note.pdf']);
    expect(entries[0]!.stored?.reference).toMatch(/^FILE-/);
    expect(entries[0]!.stored?.reference).not.toBe(firstFile);
  });
});

describe('an interrupted copy', () => {
  it('is taken up again: a pending attachment of a request unchanged for a while is stored', async () => {
    const bot = new WebClient(emu().botToken, { slackApiUrl: emu().apiUrl, retryConfig: { retries: 0 } });
    const upload = await bot.files.uploadV2({
      channel_id: emu().dmChannelOf('U01EVAN00'),
      filename: 'late-note.pdf',
      file: pdf(),
    });
    expect(upload.ok).toBe(true);
    const slackFile = emu()
      .files()
      .find((file) => file.name === 'late-note.pdf')!;
    // As if the app had stopped right after creating the request.
    const request = await workflows.submitRequest('U01EVAN00', 'leave', {
      leave_type: 'annual',
      start: { date: '2027-03-11', part: 'full' },
      end: { date: '2027-03-11', part: 'full' },
      reason: 'Check-up',
      attachments: [{ id: slackFile.id, name: 'late-note.pdf' }],
    });
    if (!request.ok) throw new Error(JSON.stringify(request.errors));
    const deps = {
      workflows,
      files,
      logger: running.platform.logger,
      contextFor: async () =>
        ({ t: translator('en'), locale: 'en' as const, timezone: 'UTC' }) as UserContext,
    };
    const slack = { client: bot, token: emu().botToken };
    // A copy possibly still running elsewhere is left alone…
    expect(await resumeInterruptedAttachments(deps, slack)).toBe(0);
    await running.db.sequelize.query(
      "UPDATE workflow_instances SET updated_at = now() - interval '1 hour' WHERE id = :id",
      { replacements: { id: request.instanceId } },
    );
    // …an old one is taken up.
    expect(await resumeInterruptedAttachments(deps, slack)).toBe(1);
    const [entry] = (await workflows.getInstance('U01EVAN00', request.reference)).values
      .attachments as SlackFileRef[];
    expect(entry?.stored?.reference).toMatch(/^FILE-\d{4}-\d{4}$/);
    expect(await resumeInterruptedAttachments(deps, slack)).toBe(0);
  });
});

/**
 * The click itself: the `file_download` listener is built on branch files-slack (issue 15), not
 * here. Skipped until that branch is merged — then remove `.skip`: this test must pass as is.
 */
describe('Download from the card (needs the file_download listener of branch files-slack)', () => {
  it('puts the bytes in the approver’s DM; an outsider’s forged click is refused and reveals nothing', async () => {
    const note = pdf();
    await leaveWithFiles('U01GRACE0', '2027-03-10', [
      { name: 'sick-note.pdf', content: note, mimetype: 'application/pdf' },
    ]);
    const card = await cardListing('U01CAROL0', 'sick-note.pdf');
    const fileReference = /FILE-\d{4}-\d{4}/.exec(JSON.stringify(card))![0];
    const before = emu().files().length;
    await emu()
      .as('U01CAROL0')
      .clickButton({
        actionId: 'file_download',
        value: fileReference,
        in: { channel: emu().dmChannelOf('U01CAROL0'), ts: card.ts },
      });
    const delivered = await emu().waitFor(
      () =>
        emu()
          .files()
          .slice(before)
          .find((file) => file.name === 'sick-note.pdf'),
      { timeoutMs: 10_000, description: 'sick-note.pdf in Carol’s DM' },
    );
    expect(delivered.content.equals(note)).toBe(true);
    expect(JSON.stringify(dm('U01CAROL0'))).toContain('sick-note.pdf');

    // Fiona forges the same click in her own DM: no bytes, no name, no requester.
    const filesBefore = emu().files().length;
    const forged = buttonClick({
      user: 'U01FIONA0',
      channel: emu().dmChannelOf('U01FIONA0'),
      actionId: 'file_download',
      value: fileReference,
    });
    expect((await sendInteraction(emu(), forged)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(emu().files().length).toBe(filesBefore);
    const seen = JSON.stringify([...dm('U01FIONA0'), ...emu().ephemerals('U01FIONA0')]);
    expect(seen).not.toContain('sick-note.pdf');
    expect(seen).not.toContain('Grace');
  });
});
