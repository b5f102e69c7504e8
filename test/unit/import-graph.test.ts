import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { importCycles, importGraph, importsLeaving, listTsFiles } from '../support/import-graph';

/**
 * Modules that import each other (directly or round a loop) cannot be read, tested or moved apart,
 * and a runtime cycle hands one of them a half-initialised module. `src` has none; a cycle found
 * here is named module by module.
 */
const SRC = path.resolve(__dirname, '../../src');
const EMULATOR = path.resolve(__dirname, '../../packages/slack-emulator/src');

it.each([
  ['src', SRC],
  ['packages/slack-emulator/src', EMULATOR],
])('%s has no import cycle', (_name, root) => {
  const cycles = importCycles(importGraph(root)).map((cycle) =>
    cycle.map((file) => path.relative(root, file)),
  );
  expect(cycles).toEqual([]);
});

/** The emulator plays Slack: it knows nothing of the app, and needs nothing but Node and `ws`. */
it('the emulator imports nothing of the app', () => {
  expect(importsLeaving(EMULATOR).filter(({ specifier }) => specifier !== 'ws')).toEqual([]);
});

/** The production build has no emulator: the app loads it by dynamic import(), in local mode only. */
it('src imports the emulator statically for its types only', () => {
  const valueImports = listTsFiles(SRC).filter((file) =>
    /^import (?!type )[^;]*from '@gongwu\/slack-emulator';/m.test(readFileSync(file, 'utf8')),
  );
  expect(valueImports.map((file) => path.relative(SRC, file))).toEqual([]);
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

/**
 * A domain reaches its storage through a store interface it owns (issue 14, item 3): its modules
 * import neither Sequelize nor the models, and from `src/db` at most the leaf modules named here
 * (plain types and a generic helper, which import nothing of the database themselves).
 */
const DB_LEAVES_A_DOMAIN_MAY_IMPORT = ['db/group-batcher.ts', 'db/repositories/org-records.ts'];

function databaseImportsOf(dir: string): string[] {
  const graph = importGraph(SRC);
  return [...graph.keys()]
    .filter((file) => file.startsWith(path.join(SRC, dir) + path.sep))
    .flatMap((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
      const packages = importedFiles
        .map((ref) => ref.fileName)
        .filter((name) => name === 'sequelize' || name.startsWith('sequelize/'));
      const database = (graph.get(file) ?? [])
        .map((target) => path.relative(SRC, target))
        .filter((target) => target.startsWith(`db${path.sep}`))
        .filter((target) => !DB_LEAVES_A_DOMAIN_MAY_IMPORT.includes(target.split(path.sep).join('/')));
      return [...packages, ...database].map((target) => `${path.relative(SRC, file)} → ${target}`);
    });
}

it.each(['domain/workflows'])('%s imports neither sequelize nor the database modules', (dir) => {
  expect(databaseImportsOf(dir)).toEqual([]);
});
