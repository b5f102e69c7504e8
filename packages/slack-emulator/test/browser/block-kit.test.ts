/**
 * Block Kit in the page, against a stand-in app: every layout block and mrkdwn feature renders,
 * every interactive element sends what Slack sends, and a modal with every kind of input shows
 * errors under their fields, stacks a pushed view and submits Slack's `state.values`.
 */
import { WebClient } from '@slack/web-api';
import type { Browser, Page } from 'playwright-core';
import { SlackEmulator } from '../../src';
import { launchChromium, type PageAlarms, WorkspacePage, watchForScripts } from '../../testing/browser';
import { FakeApp } from './support/fake-app';

jest.setTimeout(60_000);

const FIONA = 'U01FIONA0';
const DANIEL = 'U01DANIEL';

let browser: Browser | undefined;
let emu: SlackEmulator;
let app: FakeApp;
let bot: WebClient;
let page: Page;
let ws: WorkspacePage;
let alarms: PageAlarms;

beforeAll(async () => {
  browser = await launchChromium();
  app = new FakeApp();
  emu = new SlackEmulator({ appUrl: await app.start(), appManifestPath: null });
  emu.addUser({ id: FIONA, name: 'fiona.smith', realName: 'Fiona Smith', tz: 'Europe/London' });
  emu.addUser({ id: DANIEL, name: 'daniel.wu', realName: 'Daniel Wu', tz: 'Asia/Taipei' });
  await emu.start();
  bot = new WebClient(emu.botToken, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(10_000);
  alarms = watchForScripts(page);
  ws = new WorkspacePage(page, emu.url);
  await ws.open(FIONA);
});

afterAll(async () => {
  await browser?.close();
  await emu?.stop();
  await app?.stop();
});

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
/** Through the Web API as the app calls it, with blocks the typings do not know (on purpose). */
const postToFiona = (blocks: unknown[]) =>
  bot.apiCall('chat.postMessage', { channel: FIONA, text: 'blocks', blocks });
const options = (...values: string[]) => values.map((v) => ({ text: plain(`Option ${v}`), value: v }));

/** The latest block_actions the app received, as its one action. */
async function nextAction(count: number): Promise<Record<string, unknown>> {
  await emu.waitFor(() => app.interactions('block_actions').length >= count, {
    description: `block_actions #${count}`,
  });
  const payload = app.interactions('block_actions')[count - 1]!;
  return (payload.actions as Record<string, unknown>[])[0]!;
}

describe('layout blocks and mrkdwn', () => {
  it('render as Slack shows them, unknown blocks as a visible placeholder', async () => {
    const general = emu.generalChannelId;
    await postToFiona([
      { type: 'header', text: plain('Gallery :tada:') },
      {
        type: 'section',
        text: mrkdwn(
          `*bold* _italic_ ~strike~ \`code\` <https://example.org/page|a link> <@${DANIEL}> <#${general}> <!here> ` +
            '<!date^1767225600^{date_num} {time}|fallback> :white_check_mark: :no_such_emoji: Tom &amp; Jerry',
        ),
      },
      { type: 'section', fields: [mrkdwn('*Left*\none'), mrkdwn('*Right*\ntwo')] },
      {
        type: 'section',
        text: plain('With a picture'),
        accessory: { type: 'image', image_url: 'https://example.org/a.png', alt_text: 'a picture' },
      },
      {
        type: 'context',
        elements: [
          { type: 'image', image_url: 'https://example.org/b.png', alt_text: 'icon' },
          mrkdwn('context _note_'),
        ],
      },
      { type: 'divider' },
      {
        type: 'image',
        image_url: 'https://example.org/c.png',
        alt_text: 'big picture',
        title: plain('Title'),
      },
      {
        type: 'section',
        text: mrkdwn('```\nconst x = 1;\n```\n&gt; quoted line\n- one\n- two\n1. first\n2. second'),
      },
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'rich ', style: { bold: true } },
              { type: 'user', user_id: DANIEL },
            ],
          },
          {
            type: 'rich_text_list',
            style: 'bullet',
            elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'item' }] }],
          },
        ],
      },
      { type: 'fancy_block' },
    ]);
    const card = ws.message('Gallery');
    await card.waitFor();
    expect(await card.locator('.header-text').textContent()).toBe('Gallery 🎉');
    expect(await card.locator('strong', { hasText: 'bold' }).count()).toBe(1);
    expect(await card.locator('em', { hasText: 'italic' }).count()).toBe(1);
    expect(await card.locator('del', { hasText: 'strike' }).count()).toBe(1);
    expect(await card.locator('code', { hasText: 'code' }).count()).toBe(1);
    expect(await card.locator('a[href="https://example.org/page"]').textContent()).toBe('a link');
    const mentions = await card.locator('.mention').allTextContents();
    expect(mentions).toEqual(['@Daniel Wu', '#general', '@here', '@Daniel Wu']);
    // Fiona is in London: midnight UTC on New Year's Day is midnight there too.
    expect(await card.locator('.date').textContent()).toBe('2026-01-01 12:00 AM');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('✅');
    expect(text).toContain(':no_such_emoji:');
    expect(text).toContain('Tom & Jerry');
    expect(await card.locator('.fields .field').count()).toBe(2);
    expect(await card.locator('img[src^="https://example.org/"]').count()).toBe(3);
    expect(await card.locator('pre').textContent()).toBe('const x = 1;\n');
    expect(await card.locator('blockquote').textContent()).toBe('quoted line');
    expect(await card.locator('ul li').allTextContents()).toEqual(['one', 'two', 'item']);
    expect(await card.locator('ol li').allTextContents()).toEqual(['first', 'second']);
    expect(await card.locator('.unsupported').textContent()).toContain('fancy_block');
  });
});

describe('interactive elements', () => {
  it('send block_actions as Slack does, confirm dialogs first', async () => {
    await postToFiona([
      {
        type: 'section',
        block_id: 'menu',
        text: mrkdwn('Pick one'),
        accessory: { type: 'overflow', action_id: 'more', options: options('a', 'b') },
      },
      {
        type: 'actions',
        block_id: 'row',
        elements: [
          { type: 'button', action_id: 'approve', style: 'primary', value: 'v1', text: plain('Approve') },
          {
            type: 'button',
            action_id: 'delete',
            style: 'danger',
            value: 'v2',
            text: plain('Delete'),
            confirm: {
              title: plain('Really?'),
              text: mrkdwn('This *cannot* be undone'),
              confirm: plain('Yes, delete'),
              deny: plain('Keep it'),
              style: 'danger',
            },
          },
          {
            type: 'static_select',
            action_id: 'pick',
            placeholder: plain('Pick'),
            options: options('x', 'y'),
          },
          { type: 'users_select', action_id: 'who', placeholder: plain('Who') },
          { type: 'datepicker', action_id: 'when' },
          { type: 'checkboxes', action_id: 'check', options: options('c1', 'c2') },
        ],
      },
    ]);
    const card = ws.message('Pick one');
    await card.waitFor();
    expect(await card.getByRole('button', { name: 'Approve' }).getAttribute('class')).toContain(
      'btn-primary',
    );
    expect(await card.getByRole('button', { name: 'Delete' }).getAttribute('class')).toContain('btn-danger');

    await card.getByRole('button', { name: 'Approve' }).click();
    expect(await nextAction(1)).toMatchObject({
      type: 'button',
      action_id: 'approve',
      block_id: 'row',
      value: 'v1',
    });

    await card.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Really?' });
    expect(await dialog.textContent()).toContain('This cannot be undone');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await card.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    expect(await nextAction(2)).toMatchObject({ action_id: 'delete', value: 'v2' });

    await card.getByRole('button', { name: 'More actions' }).click();
    await card.getByRole('menuitem', { name: 'Option b' }).click();
    expect(await nextAction(3)).toMatchObject({
      type: 'overflow',
      action_id: 'more',
      selected_option: { value: 'b' },
    });

    await card.getByRole('combobox', { name: 'Pick' }).selectOption('y');
    expect(await nextAction(4)).toMatchObject({ type: 'static_select', selected_option: { value: 'y' } });
    await card.getByRole('combobox', { name: 'Who' }).selectOption(DANIEL);
    expect(await nextAction(5)).toMatchObject({ type: 'users_select', selected_user: DANIEL });
    await card.locator('input[type="date"]').fill('2027-01-05');
    expect(await nextAction(6)).toMatchObject({ type: 'datepicker', selected_date: '2027-01-05' });
    await card.getByLabel('Option c2').check();
    expect(await nextAction(7)).toMatchObject({ type: 'checkboxes', selected_options: [{ value: 'c2' }] });
  });
});

describe('a modal with every kind of input', () => {
  const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false) => ({
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional,
    element: { action_id: blockId, ...element },
  });

  it('checks required fields, shows the app’s errors under their inputs, stacks pushes, and submits', async () => {
    await bot.apiCall('views.open', {
      trigger_id: emu.createTriggerId(FIONA),
      view: {
        type: 'modal',
        callback_id: 'everything',
        title: plain('Every input'),
        submit: plain('Send'),
        close: plain('Cancel'),
        blocks: [
          input('name', 'Name', { type: 'plain_text_input' }),
          input('notes', 'Notes', { type: 'plain_text_input', multiline: true }, true),
          input('count', 'Count', { type: 'number_input', is_decimal_allowed: false }),
          input('day', 'Day', { type: 'datepicker' }),
          input('time', 'Time', { type: 'timepicker' }),
          input('color', 'Color', { type: 'static_select', options: options('red', 'blue') }),
          input('sizes', 'Sizes', { type: 'multi_static_select', options: options('s', 'm', 'l') }),
          input('person', 'Person', { type: 'users_select' }),
          input('people', 'People', { type: 'multi_users_select' }),
          input('conv', 'Conversation', { type: 'conversations_select' }),
          input('chan', 'Channel', { type: 'channels_select' }),
          input('agree', 'Agree', { type: 'checkboxes', options: options('yes') }),
          input('choice', 'Choice', { type: 'radio_buttons', options: options('one', 'two') }),
          input('files', 'Files', { type: 'file_input', max_files: 2 }, true),
        ],
      },
    });
    await ws.modal.getByRole('heading', { name: 'Every input' }).waitFor();

    // Slack's client refuses to send with required fields empty.
    await ws.modal.getByRole('button', { name: 'Send' }).click();
    await ws
      .field('Name')
      .block.locator('.field-error', { hasText: 'Please complete this required field.' })
      .waitFor();
    expect(app.interactions('view_submission')).toHaveLength(0);

    await ws.field('Name').input.fill('Fiona');
    await ws.field('Notes').input.fill('line one\nline two');
    await ws.field('Count').input.fill('3');
    await ws.field('Day').input.fill('2027-02-01');
    await ws.field('Time').input.fill('09:30');
    await ws.field('Color').input.selectOption('blue');
    await ws.field('Sizes').input.selectOption(['s', 'l']);
    await ws.field('Person').input.selectOption(DANIEL);
    await ws.field('People').input.selectOption([FIONA, DANIEL]);
    await ws.field('Conversation').input.selectOption(emu.generalChannelId);
    await ws.field('Channel').input.selectOption(emu.generalChannelId);
    await ws.field('Agree').block.getByLabel('Option yes').check();
    await ws.field('Choice').block.getByLabel('Option two').check();
    await ws
      .field('Files')
      .block.locator('input[type="file"]')
      .setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });

    let submissions = 0;
    app.answer = (delivered) => {
      if (delivered.kind !== 'interaction' || delivered.payload.type !== 'view_submission') return undefined;
      submissions += 1;
      if (submissions === 1) return { response_action: 'errors', errors: { name: 'That name is taken' } };
      if (submissions === 2)
        return {
          response_action: 'push',
          view: {
            type: 'modal',
            title: plain('Second step'),
            close: plain('Back'),
            blocks: [{ type: 'section', text: mrkdwn('Pushed *on top*') }],
          },
        };
      return undefined;
    };
    await ws.modal.getByRole('button', { name: 'Send' }).click();
    await ws.field('Name').block.locator('.field-error', { hasText: 'That name is taken' }).waitFor();
    expect(await ws.modal.locator('.field-error:visible').count()).toBe(1);

    await ws.field('Name').input.fill('Fiona S.');
    await ws.modal.getByRole('button', { name: 'Send' }).click();
    await ws.modal.getByRole('heading', { name: 'Second step' }).waitFor();
    await ws.modal.getByRole('button', { name: 'Back', exact: true }).last().click();
    await ws.modal.getByRole('heading', { name: 'Every input' }).waitFor();
    // Back on the first view, what was entered is still there.
    expect(await ws.field('Name').input.inputValue()).toBe('Fiona S.');

    await ws.modal.getByRole('button', { name: 'Send' }).click();
    await ws.modal.waitFor({ state: 'detached' });
    const values = (
      app.interactions('view_submission').at(-1)!.view as {
        state: { values: Record<string, Record<string, unknown>> };
      }
    ).state.values;
    const value = (blockId: string) => values[blockId]![blockId] as Record<string, unknown>;
    expect(value('name')).toEqual({ type: 'plain_text_input', value: 'Fiona S.' });
    expect(value('notes')).toMatchObject({ value: 'line one\nline two' });
    expect(value('count')).toMatchObject({ type: 'number_input', value: '3' });
    expect(value('day')).toMatchObject({ selected_date: '2027-02-01' });
    expect(value('time')).toMatchObject({ selected_time: '09:30' });
    expect(value('color')).toMatchObject({ selected_option: { value: 'blue' } });
    expect((value('sizes').selected_options as { value: string }[]).map((o) => o.value)).toEqual(['s', 'l']);
    expect(value('person')).toMatchObject({ selected_user: DANIEL });
    expect(value('people')).toMatchObject({ selected_users: [FIONA, DANIEL] });
    expect(value('conv')).toMatchObject({ selected_conversation: emu.generalChannelId });
    expect(value('chan')).toMatchObject({ selected_channel: emu.generalChannelId });
    expect(value('agree')).toMatchObject({ selected_options: [{ value: 'yes' }] });
    expect(value('choice')).toMatchObject({ selected_option: { value: 'two' } });
    expect((value('files').files as { name: string }[]).map((f) => f.name)).toEqual(['note.txt']);
    expect(emu.files().find((f) => f.name === 'note.txt')?.text).toBe('hello');
    expect(alarms).toEqual({ dialogs: [], errors: [] });
  });
});

describe('a modal that talks to the app while it is open', () => {
  it('sends dispatching inputs and its own buttons at once, with what was typed, and keeps it across views.update', async () => {
    const blocks = [
      {
        type: 'input',
        block_id: 'title',
        label: plain('Title'),
        element: { type: 'plain_text_input', action_id: 'title' },
      },
      {
        type: 'input',
        block_id: 'kind',
        dispatch_action: true,
        label: plain('Kind'),
        element: { type: 'static_select', action_id: 'kind', options: options('a', 'b') },
      },
      {
        type: 'actions',
        block_id: 'tools',
        elements: [{ type: 'button', action_id: 'refresh', text: plain('Refresh') }],
      },
    ];
    const opened = await bot.apiCall('views.open', {
      trigger_id: emu.createTriggerId(FIONA),
      view: { type: 'modal', title: plain('Live form'), submit: plain('Save'), blocks },
    });
    const viewId = (opened as unknown as { view: { id: string } }).view.id;
    await ws.modal.getByRole('heading', { name: 'Live form' }).waitFor();
    const before = app.interactions('block_actions').length;

    await ws.field('Title').input.fill('Draft');
    await ws.field('Kind').input.selectOption('b');
    const picked = await nextAction(before + 1);
    expect(picked).toMatchObject({
      type: 'static_select',
      action_id: 'kind',
      selected_option: { value: 'b' },
    });
    const stateOf = (payload: Record<string, unknown>) =>
      (payload.view as { state: { values: Record<string, Record<string, { value?: string }>> } }).state
        .values;
    expect(stateOf(app.interactions('block_actions').at(-1)!).title!.title!.value).toBe('Draft');

    // The app answers by changing the view: what Fiona typed stays.
    await bot.apiCall('views.update', {
      view_id: viewId,
      view: {
        type: 'modal',
        title: plain('Live form'),
        submit: plain('Save'),
        blocks: [...blocks, { type: 'section', text: mrkdwn('Kind *b* chosen') }],
      },
    });
    await ws.modal.locator('strong', { hasText: 'b' }).waitFor();
    expect(await ws.field('Title').input.inputValue()).toBe('Draft');

    await ws.field('Title').input.fill('Final');
    await ws.modal.getByRole('button', { name: 'Refresh' }).click();
    expect(await nextAction(before + 2)).toMatchObject({
      type: 'button',
      action_id: 'refresh',
      block_id: 'tools',
    });
    const clicked = app.interactions('block_actions').at(-1)!;
    expect(clicked.container).toEqual({ type: 'view', view_id: viewId });
    expect(stateOf(clicked).title!.title!.value).toBe('Final');
    await ws.modal.getByRole('button', { name: 'Close all' }).click();
    await ws.modal.waitFor({ state: 'detached' });
  });
});
