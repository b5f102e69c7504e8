import { ConversationPacer } from '../../../src/jobs/conversation-pacer';

describe('ConversationPacer', () => {
  let now = 1_000_000;
  const pacer = () => new ConversationPacer(1000, () => now);

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
