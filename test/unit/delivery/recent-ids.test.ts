import { RecentIds } from '../../../src/delivery/recent-ids';

describe('recent ids', () => {
  it('remembers what was added, forgetting the oldest past its bound', () => {
    const ids = new RecentIds(3);
    ids.add(['1', '2']);
    ids.add(['3']);
    expect(['1', '2', '3'].map((id) => ids.has(id))).toEqual([true, true, true]);
    ids.add(['1', '4']); // 1 is added again: it is recent now, 2 is the oldest
    expect(['1', '2', '3', '4'].map((id) => ids.has(id))).toEqual([true, false, true, true]);
    expect(ids.has('5')).toBe(false);
  });
});
