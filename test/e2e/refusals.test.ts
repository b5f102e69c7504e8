import { randomUUID } from 'node:crypto';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { sendInteraction, viewSubmission } from '../support/slack-payloads';

/** Issue 13 items 7 and 8: people are told, before anything opens, why it will not. */

let running: RunningPlatform;
const emu = () => running.emulator;

beforeAll(async () => {
  running = await startTestPlatform();
});
afterAll(() => running.stop());

const referenceIn = (text: string) => {
  const match = /LV-\d{4}-\d{4}/.exec(text);
  if (!match) throw new Error(`no reference in ${text}`);
  return match[0];
};

/** The ephemeral messages `userId` was shown after `before`, as text. */
const shownSince = (userId: string, before: number) => JSON.stringify(emu().ephemerals(userId).slice(before));

describe('a modal Slack will not open (issue 13 item 8)', () => {
  it.each([
    ['wf_approve_comment', 'U01CAROL0'],
    ['wf_reject', 'U01CAROL0'],
    ['wf_return', 'U01CAROL0'],
    ['wf_transfer', 'U01CAROL0'],
    ['wf_comment', 'U01GRACE0'],
  ])('%s with an expired trigger tells the person to click again', async (actionId, clicker) => {
    const before = emu().ephemerals('U01GRACE0').length;
    await emu().as('U01GRACE0').command('/leave', '2027-03-08 2027-03-08 personal Errand');
    const reply = await emu().waitFor(() => emu().ephemerals('U01GRACE0').slice(before).at(-1), {
      timeoutMs: 5000,
    });
    const reference = referenceIn(JSON.stringify(reply));
    const card = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf(clicker))
          .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes(`"${actionId}"`)),
      { timeoutMs: 8000, description: `${clicker}'s card with ${actionId}` },
    );
    const shown = emu().ephemerals(clicker).length;
    emu().injectFailure('views.open', { error: 'expired_trigger_id' });
    await emu()
      .as(clicker)
      .clickButton({ actionId, in: { channel: emu().dmChannelOf(clicker), ts: card.ts } });
    await emu().waitFor(() => emu().ephemerals(clicker).length > shown, {
      timeoutMs: 5000,
      description: `a message to ${clicker}`,
    });
    const expected = clicker === 'U01GRACE0' ? '請再點一次' : 'Please click again';
    expect(shownSince(clicker, shown)).toContain(expected);
    expect(emu().openViews(clicker)).toHaveLength(0);
  });
});

describe('forms for people who cannot send them (issue 13 item 7)', () => {
  /** Runs a command and returns what the person was shown; no modal may have opened. */
  async function refused(userId: string, name: string, text = ''): Promise<string> {
    const before = emu().ephemerals(userId).length;
    const result = await emu().as(userId).command(name, text);
    expect(result.status).toBe(200);
    await emu().waitFor(() => emu().ephemerals(userId).length > before, {
      timeoutMs: 5000,
      description: `an answer to ${userId}'s ${name}`,
    });
    expect(emu().openViews(userId)).toHaveLength(0);
    return shownSince(userId, before);
  }

  it('an unregistered person is told at once, with a Register button, and no form opens', async () => {
    for (const [name, text] of [
      ['/leave', ''],
      ['/document', ''],
      ['/request', ''],
      ['/request', 'travel'],
    ] as const) {
      const shown = await refused('U0NEWCOMER', name, text);
      expect(shown).toContain('not registered');
      expect(shown).toContain('"org_register"');
    }
  });

  it('a suspended person and a guest are refused before a form opens, in their language', async () => {
    expect(await refused('U01IVY000', '/leave')).toContain('停權');
    expect(await refused('U01IVY000', '/document')).toContain('停權');
    expect(await refused('U01HENRY0', '/leave')).toContain('Guests cannot');
    expect(await refused('U01HENRY0', '/request')).toContain('Guests cannot');
  });

  it('/oa help tells an unregistered person how to register, and not to use /leave', async () => {
    const result = await emu().as('U0NEWCOMER').command('/oa', 'help');
    const shown = JSON.stringify(result.ephemeral);
    expect(shown).toContain('/oa register');
    expect(shown).not.toContain('/leave');
  });

  it('/oa register with a registration waiting says so instead of reopening the form', async () => {
    emu().addUser({ id: 'U0PENDING0', name: 'pending', realName: 'Pat Pending', locale: 'en-US' });
    await emu().as('U0PENDING0').command('/oa', 'register');
    await emu().waitFor(() => emu().openViews('U0PENDING0').length > 0);
    await emu().as('U0PENDING0').fillModal({ department: 'hr', position: 'Clerk', contact: 'ext. 1234' });
    expect((await emu().as('U0PENDING0').submitView()).outcome).toBe('closed');
    expect(await refused('U0PENDING0', '/oa', 'register')).toContain('registration waiting for approval');
  });
});

describe('a form submitted by someone the directory does not know (issue 13 item 7)', () => {
  it('is answered with the refusal and its Register button, not a field error', async () => {
    // A form opened before the person lost their standing, or a forged one: Submit re-checks.
    const stale = viewSubmission({
      user: 'U0NEWCOMER',
      viewId: 'V0STALE00',
      callbackId: 'wf_request_form',
      privateMetadata: JSON.stringify({ templateKey: 'document', key: randomUUID() }),
    });
    const result = await sendInteraction(emu(), stale);
    expect(result.status).toBe(200);
    const answer = JSON.parse(result.body) as { response_action: string; view?: unknown };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('not registered');
    expect(JSON.stringify(answer.view)).toContain('"org_register"');
  });
});
