import { ConversationPacer } from '../../../src/jobs/conversation-pacer';

describe('ConversationPacer', () => {
  let now = 1_000_000;
  const pacer = (perTurn = 10) => new ConversationPacer(perTurn, 1000, () => now);

  it('lets one post per gap through in a conversation and says how long the others wait', () => {
    const pace = pacer();
    expect(pace.take('U1')).toBe(0);
    const wait = pace.take('U1');
    expect(wait).toBeGreaterThanOrEqual(1000);
    expect(wait).toBeLessThan(1250);
    expect(pace.take('U2')).toBe(0); // other conversations are not held up
    now += 1000;
    expect(pace.take('U1')).toBe(0);
  });

  it('spreads waiters over the coming turns, as many to a turn as one post carries', () => {
    const pace = pacer(3);
    expect(pace.take('U4')).toBe(0);
    const turns = Array.from({ length: 9 }, () => Math.floor(pace.take('U4') / 1000));
    expect(turns).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    // The next post restarts the count: those still waiting then share the turns after it.
    now += 1000;
    expect(pace.take('U4')).toBe(0);
    expect(Math.floor(pace.take('U4') / 1000)).toBe(1);
  });

  it('counts the gap from the moment a post went, when preparing it took a while', () => {
    const pace = pacer();
    expect(pace.take('U5')).toBe(0);
    now += 900; // the post went 0.9 s after its turn was taken
    pace.posted('U5');
    now += 200;
    expect(pace.take('U5')).toBeGreaterThanOrEqual(800);
    now += 800;
    expect(pace.take('U5')).toBe(0);
  });

  it('gives back a turn that was not used, unless others were already told to wait for the next', () => {
    const pace = pacer();
    expect(pace.take('U6')).toBe(0);
    pace.giveBack('U6'); // the row turned out to be delivered already
    expect(pace.take('U6')).toBe(0);
    expect(pace.take('U6')).toBeGreaterThanOrEqual(1000); // a waiter now counts on the next turn
    pace.giveBack('U6');
    expect(pace.take('U6')).toBeGreaterThanOrEqual(1000);
  });

  it("holds a conversation for Slack's Retry-After, never shortening a longer hold", () => {
    const pace = pacer();
    pace.pause('U3', 5000);
    now += 4000;
    expect(pace.take('U3')).toBeGreaterThanOrEqual(1000);
    pace.pause('U3', 10); // a shorter request does not undo the hold
    expect(pace.take('U3')).toBeGreaterThanOrEqual(1000);
    now += 1000;
    expect(pace.take('U3')).toBe(0);
  });
});
