import { type RunningPlatform, startTestPlatform } from '../support/platform';

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
