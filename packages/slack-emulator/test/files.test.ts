/**
 * Files in the Slack emulator: a real @slack/web-api WebClient uploading with filesUploadV2
 * (files.getUploadURLExternal, the bytes POSTed to the upload URL, files.completeUploadExternal),
 * files.info and url_private, and a modal's file_input filled by a person and submitted to a small
 * stand-in app that checks Slack's signature itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import { type ChangeEvent, SLACK_RATE_LIMITS, SlackEmulator } from '../src';

const SECRET = 'files-signing-secret';

type JsonObject = Record<string, unknown>;

interface Received {
  kind: 'command' | 'interaction';
  payload: JsonObject;
}

/** Stands in for the app: verifies signatures as Bolt does, records, answers as told. */
class FakeApp {
  received: Received[] = [];
  rejected = 0;
  handler: (r: Received) => JsonObject | undefined | Promise<JsonObject | undefined> = () => undefined;
  url = '';
  private readonly server: Server;

  constructor(private readonly secret: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        if (!this.verify(req.headers, rawBody)) {
          this.rejected += 1;
          res.writeHead(401).end();
          return;
        }
        const form = Object.fromEntries(new URLSearchParams(rawBody));
        const received: Received =
          typeof form.payload === 'string'
            ? { kind: 'interaction', payload: JSON.parse(form.payload) as JsonObject }
            : { kind: 'command', payload: form };
        this.received.push(received);
        const reply = await this.handler(received);
        if (reply) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
        else res.writeHead(200).end();
      });
    });
  }

  private verify(headers: IncomingHttpHeaders, rawBody: string): boolean {
    const timestamp = Number(headers['x-slack-request-timestamp']);
    const signature = headers['x-slack-signature'];
    if (!Number.isFinite(timestamp) || typeof signature !== 'string') return false;
    if (Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
    const expected = `v0=${createHmac('sha256', this.secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
    return (
      expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
    );
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/slack/events`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  reset(): void {
    this.received = [];
    this.rejected = 0;
    this.handler = () => undefined;
  }

  interactions(): JsonObject[] {
    return this.received.filter((r) => r.kind === 'interaction').map((r) => r.payload);
  }
}

function at<T>(list: readonly T[] | undefined, index: number): T {
  const item = list?.[index];
  if (item === undefined) throw new Error(`No item ${index} in a list of ${list?.length ?? 0}`);
  return item;
}

function asObject(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null) throw new Error(`Not an object: ${String(value)}`);
  return value as JsonObject;
}

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

const app = new FakeApp(SECRET);
let emu: SlackEmulator;
let client: WebClient;
let changes: ChangeEvent[];
const CHANNEL = 'C0REPORTS';

beforeAll(async () => {
  await app.start();
});

afterAll(async () => {
  await app.stop();
});

beforeEach(async () => {
  app.reset();
  emu = new SlackEmulator({ signingSecret: SECRET, appUrl: app.url });
  await emu.start();
  client = new WebClient(emu.botToken, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    logger: silent,
  });
  emu.addUser({ id: 'U0ALICE', name: 'alice', realName: 'Alice Chen' });
  emu.addChannel({ id: CHANNEL, name: 'reports', members: ['U0ALICE', emu.botUserId] });
  emu.addChannel({ id: 'C0ELSEWHERE', name: 'elsewhere', members: ['U0ALICE'] });
  changes = [];
  emu.on('change', (event) => changes.push(event));
});

afterEach(async () => {
  await emu.stop();
});

/** The first step of an upload, by hand: an id and an upload URL. */
async function reserve(filename: string, length: number): Promise<{ fileId: string; uploadUrl: string }> {
  const res = await client.files.getUploadURLExternal({ filename, length });
  return { fileId: String(res.file_id), uploadUrl: String(res.upload_url) };
}

describe('filesUploadV2 against the emulator', () => {
  it('uploads, stores the bytes, and shares the file in the channel with the comment', async () => {
    const content = 'Leave report\n2026-05: 3 requests, 2 approved\n';
    const result = await client.filesUploadV2({
      channel_id: CHANNEL,
      content,
      filename: 'report.txt',
      title: 'May report',
      initial_comment: 'Here is the May report',
    });

    // WebClient returns one completion per destination, each `{ ok, files }`.
    const completion = asObject(at(result.files as unknown[], 0));
    expect(completion.ok).toBe(true);
    const returned = asObject(at(completion.files as unknown[], 0));
    const fileId = String(returned.id);
    expect(fileId).toMatch(/^F[A-Z0-9]+$/);
    expect(returned).toMatchObject({
      name: 'report.txt',
      title: 'May report',
      mimetype: 'text/plain',
      filetype: 'text',
      size: Buffer.byteLength(content),
      user: emu.botUserId,
      channels: [CHANNEL],
      is_public: true,
    });

    const stored = emu.file(fileId);
    expect(stored?.text).toBe(content);
    expect(stored?.content.equals(Buffer.from(content))).toBe(true);
    expect(stored).toMatchObject({ title: 'May report', source: 'web_api', channels: [CHANNEL] });
    expect(emu.files().map((f) => f.id)).toEqual([fileId]);

    const message = at(emu.messages(CHANNEL), emu.messages(CHANNEL).length - 1);
    expect(message).toMatchObject({
      text: 'Here is the May report',
      bot_id: emu.botId,
      user: emu.botUserId,
      upload: true,
      files: [{ id: fileId, name: 'report.txt', title: 'May report' }],
    });
    expect(stored?.shares).toEqual([{ channel: CHANNEL, ts: message.ts }]);
    const share = asObject(asObject(asObject(at(message.files, 0).shares).public)[CHANNEL]);
    expect(share).toMatchObject({ 0: { ts: message.ts, channel_name: 'reports' } });

    // The three steps, in the call log, the upload URL on the emulator's own origin.
    const [urlCall] = emu.callsTo('files.getUploadURLExternal');
    expect(urlCall?.args).toMatchObject({
      filename: 'report.txt',
      length: String(Buffer.byteLength(content)),
    });
    expect(emu.callsTo('upload_url')).toMatchObject([{ ok: true, args: { file_id: fileId } }]);
    expect(emu.callsTo('files.completeUploadExternal')).toMatchObject([
      {
        ok: true,
        args: {
          files: [{ id: fileId, title: 'May report' }],
          channel_id: CHANNEL,
          initial_comment: 'Here is the May report',
        },
      },
    ]);
    expect(changes.map((c) => `${c.type}:${c.action}`)).toEqual([
      'file:added',
      'file:shared',
      'message:posted',
    ]);
  });

  it('keeps binary bytes intact and shares into a thread', async () => {
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'Scans below' });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80]);
    const result = await client.filesUploadV2({
      channel_id: CHANNEL,
      thread_ts: String(parent.ts),
      file: bytes,
      filename: 'scan.png',
      alt_text: 'A scanned receipt',
    });
    const fileId = String(asObject(at(asObject(at(result.files as unknown[], 0)).files as unknown[], 0)).id);
    const stored = emu.file(fileId);
    expect(stored?.content.equals(bytes)).toBe(true);
    expect(stored).toMatchObject({
      mimetype: 'image/png',
      filetype: 'png',
      title: 'scan.png',
      size: 10,
      altText: 'A scanned receipt',
    });
    const reply = at(emu.messages(CHANNEL), 1);
    expect(reply).toMatchObject({ thread_ts: parent.ts, text: '', files: [{ id: fileId }] });
    expect(at(emu.messages(CHANNEL), 0).reply_count).toBe(1);
  });

  it('keeps a file private when completed without a channel', async () => {
    const result = await client.filesUploadV2({ content: 'private notes', filename: 'notes.md' });
    const fileId = String(asObject(at(asObject(at(result.files as unknown[], 0)).files as unknown[], 0)).id);
    expect(emu.file(fileId)).toMatchObject({ channels: [], filetype: 'markdown', text: 'private notes' });
    expect(changes.filter((c) => c.type === 'message')).toEqual([]);
  });
});

describe('files: the upload steps refused as Slack refuses them', () => {
  it('refuses to complete an upload whose bytes never arrived, and unknown files', async () => {
    const { fileId } = await reserve('late.txt', 4);
    await expect(
      client.files.completeUploadExternal({ files: [{ id: fileId, title: 'late' }], channel_id: CHANNEL }),
    ).rejects.toMatchObject({ data: { ok: false, error: 'file_not_found' } });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: 'F0NOSUCHFILE' }] }),
    ).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    expect(emu.file(fileId)).toBeUndefined();
    expect(emu.files()).toEqual([]);
    expect(emu.messages(CHANNEL)).toEqual([]);
    expect(emu.callsTo('files.completeUploadExternal').map((c) => c.error)).toEqual([
      'file_not_found',
      'file_not_found',
    ]);
  });

  it('checks the arguments of files.getUploadURLExternal', async () => {
    await expect(client.files.getUploadURLExternal({ length: 3 } as never)).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    await expect(client.files.getUploadURLExternal({ filename: 'a.txt' } as never)).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    await expect(client.files.getUploadURLExternal({ filename: 'a.txt', length: 0 })).rejects.toMatchObject({
      data: { error: 'missing_argument' },
    });
    await expect(
      client.files.getUploadURLExternal({ filename: 'a.txt', length: 3, alt_text: 'x'.repeat(1001) }),
    ).rejects.toMatchObject({ data: { error: 'alt_txt_too_large' } });
  });

  it('takes raw bytes at the upload URL, and answers 404 for unknown or completed uploads', async () => {
    const { fileId, uploadUrl } = await reserve('raw.csv', 8);
    expect(uploadUrl.startsWith(`${emu.url}/upload/`)).toBe(true);
    const upload = await fetch(uploadUrl, { method: 'POST', body: 'a,b\n1,2\n' });
    expect(upload.status).toBe(200);
    expect(await upload.text()).toBe('OK - 8');

    const unknown = await fetch(`${emu.url}/upload/v1/${'0'.repeat(48)}`, { method: 'POST', body: 'x' });
    expect(unknown.status).toBe(404);

    await client.files.completeUploadExternal({ files: [{ id: fileId, title: 'Numbers' }] });
    expect(emu.file(fileId)).toMatchObject({ text: 'a,b\n1,2\n', mimetype: 'text/csv', title: 'Numbers' });
    const again = await fetch(uploadUrl, { method: 'POST', body: 'changed' });
    expect(again.status).toBe(404);
    expect(emu.file(fileId)?.text).toBe('a,b\n1,2\n');
    await expect(client.files.completeUploadExternal({ files: [{ id: fileId }] })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
  });

  it('refuses channels the bot cannot post in, completing nothing, so the upload can be completed later', async () => {
    const { fileId, uploadUrl } = await reserve('memo.txt', 4);
    await fetch(uploadUrl, { method: 'POST', body: 'memo' });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C0ELSEWHERE' }),
    ).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C0MISSING' }),
    ).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect(emu.file(fileId)).toBeUndefined();

    await client.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: CHANNEL });
    expect(emu.file(fileId)?.channels).toEqual([CHANNEL]);
  });

  it('accepts multipart arguments, as curl -F sends them', async () => {
    const form = new FormData();
    form.append('filename', 'form.txt');
    form.append('length', '5');
    const res = await fetch(`${emu.apiUrl}files.getUploadURLExternal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.botToken}` },
      body: form,
    });
    const body = asObject(await res.json());
    expect(body).toMatchObject({ ok: true, file_id: expect.stringMatching(/^F/) });
    const upload = new FormData();
    upload.append('file', new Blob([Buffer.from('hello')]), 'form.txt');
    expect((await fetch(String(body.upload_url), { method: 'POST', body: upload })).status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: String(body.file_id) }] });
    expect(emu.file(String(body.file_id))?.text).toBe('hello');
  });

  it('puts the file methods in Slack’s Tier 4', () => {
    for (const method of ['files.getUploadURLExternal', 'files.completeUploadExternal', 'files.info']) {
      expect(SLACK_RATE_LIMITS[method]).toEqual({ limit: 100, windowMs: 60_000 });
    }
  });
});

describe('files.info and url_private', () => {
  it('describes a file, refuses unknown ones, and serves its bytes to the bot token only', async () => {
    const result = await client.filesUploadV2({
      channel_id: CHANNEL,
      content: 'α,β\n',
      filename: 'greek.csv',
    });
    const fileId = String(asObject(at(asObject(at(result.files as unknown[], 0)).files as unknown[], 0)).id);

    const info = await client.files.info({ file: fileId });
    expect(info.file).toMatchObject({
      id: fileId,
      name: 'greek.csv',
      title: 'greek.csv',
      mimetype: 'text/csv',
      size: Buffer.byteLength('α,β\n'),
      channels: [CHANNEL],
      user_team: emu.teamId,
    });
    await expect(client.files.info({ file: 'F0NOSUCHFILE' })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
    await expect(client.files.info({} as never)).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });

    const urlPrivate = String(info.file?.url_private);
    expect(urlPrivate.startsWith(`${emu.url}/files-pri/`)).toBe(true);
    const download = await fetch(urlPrivate, { headers: { authorization: `Bearer ${emu.botToken}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv');
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe('α,β\n');
    // Without the token Slack answers with its sign-in page, not the file.
    const anonymous = await fetch(urlPrivate);
    expect(anonymous.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await anonymous.text()).not.toContain('α');
  });
});

describe('file_input in modals', () => {
  const attachmentsModal = (element: JsonObject, optional = false) => ({
    type: 'modal',
    callback_id: 'expense',
    title: { type: 'plain_text', text: 'Expense' },
    submit: { type: 'plain_text', text: 'Send' },
    blocks: [
      {
        type: 'input',
        block_id: 'receipts',
        optional,
        label: { type: 'plain_text', text: 'Receipts' },
        element: { type: 'file_input', action_id: 'receipt_files', ...element },
      },
    ],
  });

  function appOpensOnCommand(view: JsonObject): void {
    app.handler = async (r) => {
      if (r.kind === 'command')
        await client.views.open({ trigger_id: String(r.payload.trigger_id), view: view as never });
      return undefined;
    };
  }

  it('uploads what the person attaches and sends Slack-shaped file objects on submission', async () => {
    appOpensOnCommand(attachmentsModal({ max_files: 2, filetypes: ['pdf', 'txt'] }));
    const alice = emu.as('U0ALICE');
    await alice.command('/expense');
    expect(emu.openViews('U0ALICE')).toHaveLength(1);

    const pdf = Buffer.from('%PDF-1.4 fake receipt');
    await alice.fillModal({
      Receipts: {
        files: [
          { name: 'taxi.pdf', content: pdf },
          { name: 'hotel.txt', content: 'Hotel, 2 nights' },
        ],
      },
    });
    const uploaded = emu.files();
    expect(uploaded.map((f) => [f.name, f.user, f.source])).toEqual([
      ['taxi.pdf', 'U0ALICE', 'file_input'],
      ['hotel.txt', 'U0ALICE', 'file_input'],
    ]);
    expect(at(uploaded, 0).content.equals(pdf)).toBe(true);

    let seenByApp: JsonObject | undefined;
    app.handler = async (r) => {
      const state = asObject(asObject(asObject(r.payload.view).state).values);
      const first = at(asObject(asObject(state.receipts).receipt_files).files as JsonObject[], 0);
      // What an app does with a file id from a submission: look it up with its bot token.
      seenByApp = asObject((await client.files.info({ file: String(first.id) })).file);
      return undefined;
    };
    const submitted = await alice.submitView();
    expect(submitted.outcome).toBe('closed');
    expect(app.rejected).toBe(0);

    const payload = at(app.interactions(), 0);
    expect(payload.type).toBe('view_submission');
    const value = asObject(asObject(asObject(asObject(payload.view).state).values).receipts).receipt_files;
    expect(value).toMatchObject({
      type: 'file_input',
      files: [
        {
          id: at(uploaded, 0).id,
          name: 'taxi.pdf',
          title: 'taxi.pdf',
          mimetype: 'application/pdf',
          filetype: 'pdf',
          size: pdf.length,
          user: 'U0ALICE',
          url_private: expect.stringContaining(`/files-pri/${emu.teamId}-${at(uploaded, 0).id}/`),
          url_private_download: expect.stringContaining('/download/'),
          created: expect.any(Number),
          timestamp: expect.any(Number),
          permalink: expect.any(String),
        },
        { id: at(uploaded, 1).id, name: 'hotel.txt', mimetype: 'text/plain', filetype: 'text', size: 15 },
      ],
    });
    expect(seenByApp).toMatchObject({ id: at(uploaded, 0).id, name: 'taxi.pdf', size: pdf.length });
  });

  it('refuses more files than max_files, and types outside filetypes, without sending anything', async () => {
    appOpensOnCommand(attachmentsModal({ max_files: 2, filetypes: ['.pdf'] }));
    const alice = emu.as('U0ALICE');
    await alice.command('/expense');
    const sent = app.received.length;

    const three = ['a.pdf', 'b.pdf', 'c.pdf'].map((name) => ({ name, content: name }));
    await alice.fillModal({ receipts: { files: three } });
    const tooMany = await alice.submitView();
    expect(tooMany.outcome).toBe('invalid');
    expect(tooMany.errors).toEqual({ receipts: 'You can only upload 2 files.' });
    expect(emu.viewErrors('U0ALICE')).toEqual({ receipts: 'You can only upload 2 files.' });

    await alice.fillModal({ receipt_files: { files: [{ name: 'virus.exe', content: 'MZ' }] } });
    const wrongType = await alice.submitView();
    expect(wrongType.outcome).toBe('invalid');
    expect(wrongType.errors.receipts).toMatch(/virus\.exe is not an accepted file type \(pdf\)/);

    expect(app.received).toHaveLength(sent);
    expect(emu.openViews('U0ALICE')).toHaveLength(1);

    await alice.fillModal({ Receipts: { files: [{ name: 'ok.PDF', content: 'fine' }] } });
    expect((await alice.submitView()).outcome).toBe('closed');
    expect(app.received).toHaveLength(sent + 1);
  });

  it('treats an empty file input as empty, and explains values a file input cannot take', async () => {
    appOpensOnCommand(attachmentsModal({}));
    const alice = emu.as('U0ALICE');
    await alice.command('/expense');
    const empty = await alice.submitView();
    expect(empty).toMatchObject({
      outcome: 'invalid',
      errors: { receipts: 'Please complete this required field.' },
    });
    await expect(alice.fillModal({ Receipts: 'taxi.pdf' })).rejects.toThrow(
      /"Receipts" is a file_input: fill it with \{ files: \[/,
    );
    expect(emu.files()).toEqual([]);
  });

  it('sends an untouched optional file input as an empty list', async () => {
    appOpensOnCommand(attachmentsModal({}, true));
    const alice = emu.as('U0ALICE');
    await alice.command('/expense');
    expect((await alice.submitView()).outcome).toBe('closed');
    const values = asObject(asObject(asObject(at(app.interactions(), 0).view).state).values);
    expect(values).toEqual({ receipts: { receipt_files: { type: 'file_input', files: [] } } });
  });

  it('rejects a view whose file input allows more than ten files', async () => {
    const trigger = emu.createTriggerId('U0ALICE');
    await expect(
      client.views.open({ trigger_id: trigger, view: attachmentsModal({ max_files: 11 }) as never }),
    ).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
  });
});
