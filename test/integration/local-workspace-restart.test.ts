import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { LOCAL_START_AS, startLocalWorkspace } from '../../src/local-workspace';
import { createLogger } from '../../src/logger';

/**
 * Issue 13 item 23: local mode kept its database under DATA_DIR but its workspace in memory, so
 * after a restart every DM and #general was empty while the database still pointed at cards.
 * The workspace is now kept in DATA_DIR/workspace.json and restored at start: the same
 * conversations, the same messages (buttons included) under the same ts, still updatable.
 */
const logger = createLogger('silent');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongwu-workspace-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const botOf = (emulator: { botToken: string; apiUrl: string }) =>
  new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });

it('finds the messages of the last run, with their buttons, and can still update them', async () => {
  const first = await startLocalWorkspace('127.0.0.1', 0, logger, dir);
  const dm = first.emulator.dmChannelOf('U01BOB000');
  const card = await botOf(first.emulator).chat.postMessage({
    channel: 'U01BOB000',
    text: 'Approval card',
    blocks: [
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'wf_approve', text: { type: 'plain_text', text: 'Approve' } },
        ],
      },
    ],
  });
  await first.stop();

  const second = await startLocalWorkspace('127.0.0.1', 0, logger, dir);
  try {
    expect(second.emulator.dmChannelOf('U01BOB000')).toBe(dm);
    const kept = second.emulator.messages(dm).find((message) => message.ts === card.ts);
    expect(JSON.stringify(kept?.blocks)).toContain('wf_approve');
    // The card the database points at can still be updated, and new messages sort after it.
    await botOf(second.emulator).chat.update({ channel: dm, ts: String(card.ts), text: 'Approved' });
    expect(second.emulator.messages(dm).find((message) => message.ts === card.ts)?.text).toBe('Approved');
    const later = await botOf(second.emulator).chat.postMessage({ channel: 'U01BOB000', text: 'Later' });
    expect(Number(later.ts)).toBeGreaterThan(Number(card.ts));
    // Everyone of the example organisation is there once, as before.
    expect(second.emulator.users().filter((user) => user.id === 'U01BOB000')).toHaveLength(1);
  } finally {
    await second.stop();
  }
});

it('sets an unreadable saved workspace aside and starts empty', async () => {
  writeFileSync(join(dir, 'workspace.json'), '{ not json');
  const local = await startLocalWorkspace('127.0.0.1', 0, logger, dir);
  try {
    expect(local.emulator.user('U01BOB000')).toBeDefined();
    expect(readdirSync(dir).some((name) => name.startsWith('workspace.json.unreadable-'))).toBe(true);
  } finally {
    await local.stop();
  }
});

it('suggests an employee in the default language as the page’s first person (issue 13 item 24)', async () => {
  const local = await startLocalWorkspace('127.0.0.1', 0, logger, dir);
  try {
    const info = (await (await fetch(`${local.emulator.url}/_ui/app`)).json()) as {
      startAs: string | null;
      people: { id: string }[];
    };
    expect(info.startAs).toBe(LOCAL_START_AS);
    expect(info.people.map((person) => person.id)).toContain(LOCAL_START_AS);
    expect(local.emulator.user(LOCAL_START_AS)?.locale).toBe('en-US');
  } finally {
    await local.stop();
  }
});
