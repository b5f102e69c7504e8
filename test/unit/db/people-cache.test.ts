import { PeopleCache } from '../../../src/db/people-cache';

/** The in-memory directory: kept only while notices are heard, never keeping a read a change overtook. */
function counting(values: Record<string, string | null>) {
  const loads: string[] = [];
  const load = (id: string) => async () => {
    loads.push(id);
    return values[id] ?? null;
  };
  return { loads, load };
}

it('reads the database every time while no listener is connected', async () => {
  const cache = new PeopleCache<string | null>();
  const { loads, load } = counting({ U1: 'alice' });
  expect(await cache.read('U1', load('U1'))).toBe('alice');
  expect(await cache.read('U1', load('U1'))).toBe('alice');
  expect(loads).toEqual(['U1', 'U1']);
  expect(cache.size).toBe(0);
});

it('keeps what it read while listening, unknown people (null) included', async () => {
  const cache = new PeopleCache<string | null>();
  cache.listenerConnected();
  const { loads, load } = counting({ U1: 'alice' });
  await cache.read('U1', load('U1'));
  await cache.read('U2', load('U2'));
  expect(await cache.read('U1', load('U1'))).toBe('alice');
  expect(await cache.read('U2', load('U2'))).toBeNull();
  expect(loads).toEqual(['U1', 'U2']);
});

it('forgets the people a notice names, everyone for * or an empty id, and everything when the listener goes', async () => {
  const cache = new PeopleCache<string | null>();
  cache.listenerConnected();
  const { loads, load } = counting({ U1: 'alice', U2: 'bob', U3: 'carol' });
  for (const id of ['U1', 'U2', 'U3']) await cache.read(id, load(id));
  cache.forget(['U2']);
  expect(cache.size).toBe(2);
  await cache.read('U2', load('U2'));
  expect(loads).toEqual(['U1', 'U2', 'U3', 'U2']);
  cache.forget(['']);
  expect(cache.size).toBe(0);
  await cache.read('U1', load('U1'));
  cache.forget(['*']);
  expect(cache.size).toBe(0);
  await cache.read('U1', load('U1'));
  cache.listenerDisconnected();
  expect(cache.active).toBe(false);
  expect(cache.size).toBe(0);
});

it('does not keep a read that a change overtook while it was on its way', async () => {
  const cache = new PeopleCache<string | null>();
  cache.listenerConnected();
  let finish: (value: string) => void = () => undefined;
  const slow = cache.read('U1', () => new Promise<string>((resolve) => (finish = resolve)));
  cache.forget(['U9']); // any change: the read may have seen the row before it
  finish('alice (before the change)');
  expect(await slow).toBe('alice (before the change)');
  expect(cache.size).toBe(0);
  const { loads, load } = counting({ U1: 'alice (after)' });
  expect(await cache.read('U1', load('U1'))).toBe('alice (after)');
  expect(loads).toEqual(['U1']);
});

it('does not keep a read that finished after the listener was lost', async () => {
  const cache = new PeopleCache<string | null>();
  cache.listenerConnected();
  let finish: (value: string) => void = () => undefined;
  const slow = cache.read('U1', () => new Promise<string>((resolve) => (finish = resolve)));
  cache.listenerDisconnected();
  cache.listenerConnected();
  finish('alice');
  await slow;
  expect(cache.size).toBe(0);
});

it('reads again an entry older than five minutes (a notice that never came)', async () => {
  let now = 1_000_000;
  const cache = new PeopleCache<string | null>(() => now);
  cache.listenerConnected();
  const { loads, load } = counting({ U1: 'alice' });
  await cache.read('U1', load('U1'));
  now += 4 * 60 * 1000;
  await cache.read('U1', load('U1'));
  now += 2 * 60 * 1000;
  await cache.read('U1', load('U1'));
  expect(loads).toEqual(['U1', 'U1']);
});

it('stays on while any of several listeners is connected', async () => {
  const cache = new PeopleCache<string | null>();
  cache.listenerConnected();
  cache.listenerConnected();
  cache.listenerDisconnected();
  expect(cache.active).toBe(true);
  cache.listenerDisconnected();
  expect(cache.active).toBe(false);
  cache.listenerDisconnected();
  cache.listenerConnected();
  expect(cache.active).toBe(true);
});
