import { MAX_SEED, newSeed, sampleIds, seededRandom } from '../../../../src/domain/supervision/sampling';
import { workingDaysBefore } from '../../../../src/domain/supervision/spot-check.service';

const ids = Array.from({ length: 100 }, (_, i) => i * 3 + 7);

describe('sampleIds', () => {
  it('draws the same sample from the same seed, whatever order the ids come in', () => {
    const first = sampleIds(ids, 5, 4242);
    expect(sampleIds([...ids].reverse(), 5, 4242)).toEqual(first);
    expect(
      sampleIds(
        [...ids].sort(() => 0.5 - Math.random()),
        5,
        4242,
      ),
    ).toEqual(first);
    expect(first).toHaveLength(5);
    expect(new Set(first).size).toBe(5);
    for (const id of first) expect(ids).toContain(id);
  });

  it('draws another sample from another seed', () => {
    expect(sampleIds(ids, 5, 1)).not.toEqual(sampleIds(ids, 5, 2));
  });

  it('takes every item (each once) when there are fewer than asked', () => {
    expect(sampleIds([5, 3, 3, 9], 20, 7).sort((a, b) => a - b)).toEqual([3, 5, 9]);
    expect(sampleIds([], 5, 7)).toEqual([]);
  });

  it('chooses every item about equally often over many seeds', () => {
    const counts = new Map<number, number>();
    for (let seed = 1; seed <= 4000; seed += 1)
      for (const id of sampleIds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2, seed))
        counts.set(id, (counts.get(id) ?? 0) + 1);
    // 4000 × 2 / 10 = 800 each; a biased shuffle would leave some far off.
    for (const count of counts.values()) expect(Math.abs(count - 800)).toBeLessThan(120);
  });

  it('makes seeds in the range people can type back', () => {
    expect(newSeed(() => 0)).toBe(1);
    expect(newSeed(() => 0.999_999_999_9)).toBeLessThanOrEqual(MAX_SEED);
    const random = seededRandom(99);
    expect(random()).toBe(seededRandom(99)());
  });
});

describe('workingDaysBefore', () => {
  it('skips the days that are not working days', () => {
    // Monday 2026-12-07, two working days before: Thursday 2026-12-03.
    expect(workingDaysBefore('2026-12-07', 2, [1, 2, 3, 4, 5])).toBe('2026-12-03');
    expect(workingDaysBefore('2026-12-07', 0, [1, 2, 3, 4, 5])).toBe('2026-12-07');
    expect(workingDaysBefore('2026-12-07', 2, [])).toBe('2026-12-05');
  });
});
