import { readdirSync, readFileSync } from 'node:fs';
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

/**
 * The domain reaches the database only through the stores it is given (issue 14, item 3): its
 * folders import neither Sequelize nor anything under `db/`, and `db/` names only the domain's
 * leaf files (stored enums, row types, the store interfaces), never a service.
 */
const BEHIND_PORTS = ['domain/announcements', 'domain/audit', 'domain/org'];
const DOMAIN_LEAVES = /^domain\/(tx\.ts|[^/]+\/(model|types|store|template-schema)\.ts)$/;

function importsOf(folder: string): { file: string; target: string }[] {
  const graph = importGraph(SRC);
  return [...graph].flatMap(([file, targets]) =>
    path.relative(SRC, file).startsWith(`${folder}/`)
      ? targets.map((target) => ({ file: path.relative(SRC, file), target: path.relative(SRC, target) }))
      : [],
  );
}

it.each(BEHIND_PORTS)('src/%s imports neither sequelize nor db/', (folder) => {
  const root = path.join(SRC, folder);
  const offending = importsOf(folder).filter(({ target }) => target.startsWith('db/'));
  const sequelize = readdirSync(root)
    .filter((name) => name.endsWith('.ts'))
    .filter((name) => /from 'sequelize'/.test(readFileSync(path.join(root, name), 'utf8')));
  expect({ offending, sequelize }).toEqual({ offending: [], sequelize: [] });
});

it('db/ imports no domain service, only its leaf files', () => {
  const services = importsOf('db').filter(
    ({ target }) => target.startsWith('domain/') && !DOMAIN_LEAVES.test(target),
  );
  expect(services).toEqual([]);
});
