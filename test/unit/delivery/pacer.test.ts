import { memoryPaceBook } from '../../../src/delivery/pace-books';
import { Pacer } from '../../../src/delivery/pacer';

describe('Pacer, per conversation (the outbox: in this process, nothing booked ahead)', () => {
  let now = 1_000_000;
  const pacer = (perTurn = 10) => {
    const pace = new Pacer(
      memoryPaceBook(() => now),
      {
        conversation: { gapMs: 1000, maxWaitMs: 0, perTurn },
      },
    );
    return {
      /** 0 when a post may go now (the turn is then taken), else how long to wait. */
      take: async (conversation: string) => {
        const turn = await pace.turn({ conversation });
        return 'laterMs' in turn ? turn.laterMs : turn.waitMs;
      },
      posted: (conversation: string) => pace.posted(conversation),
      giveBack: (conversation: string) => pace.giveBack(conversation),
      pause: (conversation: string, ms: number) => pace.rateLimited({ conversation }, ms / 1000),
    };
  };

  it('lets one post per gap through in a conversation and says how long the others wait', async () => {
    const pace = pacer();
    expect(await pace.take('U1')).toBe(0);
    const wait = await pace.take('U1');
    expect(wait).toBeGreaterThanOrEqual(1000);
    expect(wait).toBeLessThan(1250);
    expect(await pace.take('U2')).toBe(0); // other conversations are not held up
    now += 1000;
    expect(await pace.take('U1')).toBe(0);
  });

  it('spreads waiters over the coming turns, as many to a turn as one post carries', async () => {
    const pace = pacer(3);
    expect(await pace.take('U4')).toBe(0);
    const turns: number[] = [];
    for (let i = 0; i < 9; i += 1) turns.push(Math.floor((await pace.take('U4')) / 1000));
    expect(turns).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    // The next post restarts the count: those still waiting then share the turns after it.
    now += 1000;
    expect(await pace.take('U4')).toBe(0);
    expect(Math.floor((await pace.take('U4')) / 1000)).toBe(1);
  });

  it('counts the gap from the moment a post went, when preparing it took a while', async () => {
    const pace = pacer();
    expect(await pace.take('U5')).toBe(0);
    now += 900; // the post went 0.9 s after its turn was taken
    await pace.posted('U5');
    now += 200;
    expect(await pace.take('U5')).toBeGreaterThanOrEqual(800);
    now += 800;
    expect(await pace.take('U5')).toBe(0);
  });

  it('gives back a turn that was not used, unless others were already told to wait for the next', async () => {
    const pace = pacer();
    expect(await pace.take('U6')).toBe(0);
    await pace.giveBack('U6'); // the row turned out to be delivered already
    expect(await pace.take('U6')).toBe(0);
    expect(await pace.take('U6')).toBeGreaterThanOrEqual(1000); // a waiter now counts on the next turn
    await pace.giveBack('U6');
    expect(await pace.take('U6')).toBeGreaterThanOrEqual(1000);
  });

  it("holds a conversation for Slack's Retry-After, never shortening a longer hold", async () => {
    const pace = pacer();
    await pace.pause('U3', 5000);
    now += 4000;
    expect(await pace.take('U3')).toBeGreaterThanOrEqual(1000);
    await pace.pause('U3', 10); // a shorter request does not undo the hold
    expect(await pace.take('U3')).toBeGreaterThanOrEqual(1000);
    now += 1000;
    expect(await pace.take('U3')).toBe(0);
  });
});

describe('Pacer, per channel and per method (the fan-out: turns booked ahead)', () => {
  const now = 2_000_000;
  const pacer = () =>
    new Pacer(
      memoryPaceBook(() => now),
      {
        conversation: { gapMs: 1000, maxWaitMs: 1500 },
        methods: { 'chat.postMessage': 250, 'chat.update': 1500 },
      },
    );

  it("books a method's calls one interval apart, and a channel's turns up to its longest wait", async () => {
    const pace = pacer();
    const post = (conversation: string) => pace.turn({ conversation, method: 'chat.postMessage' });
    expect(await post('C1')).toEqual({ waitMs: 0 });
    expect(await post('C2')).toEqual({ waitMs: 250 }); // another channel: the method's pace only
    expect(await post('C1')).toEqual({ waitMs: 1000 }); // the channel's next turn, 1 s on
    expect(await post('C1')).toEqual({ laterMs: 2000 }); // 2 s on is too far: come back then
    expect(await pace.turn({ method: 'chat.update' })).toEqual({ waitMs: 0 }); // methods apart
    expect(await pace.turn({ method: 'chat.update' })).toEqual({ waitMs: 1500 });
  });

  it('on a 429 holds the channel, and the method only when Slack asks for more than a second', async () => {
    const pace = pacer();
    await pace.rateLimited({ conversation: 'C3', method: 'chat.postMessage' }, 1);
    expect(await pace.turn({ conversation: 'C3' })).toEqual({ waitMs: 1000 }); // booked after the hold
    expect(await pace.turn({ method: 'chat.postMessage' })).toEqual({ waitMs: 0 });
    await pace.rateLimited({ conversation: 'C4', method: 'chat.postMessage' }, 30);
    expect(await pace.turn({ conversation: 'C4' })).toEqual({ laterMs: 30_000 });
    expect(await pace.turn({ method: 'chat.postMessage' })).toEqual({ waitMs: 30_000 });
  });
});
