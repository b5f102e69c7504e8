import path from 'node:path';
import { importCycles, importGraph } from '../support/import-graph';

/**
 * Modules that import each other (directly or round a loop) cannot be read, tested or moved apart,
 * and a runtime cycle hands one of them a half-initialised module. `src` has none; a cycle found
 * here is named module by module.
 */
const SRC = path.resolve(__dirname, '../../src');

it('src has no import cycle', () => {
  const cycles = importCycles(importGraph(SRC)).map((cycle) => cycle.map((file) => path.relative(SRC, file)));
  expect(cycles).toEqual([]);
});

it('finds a cycle when there is one', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  expect(importCycles(graph)).toEqual([['a', 'b', 'c']]);
});
