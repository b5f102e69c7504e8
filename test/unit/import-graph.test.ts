import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
 * The domain reaches the database only through the stores it is given (issue 14, item 3): its
 * folders import neither Sequelize nor anything under `db/`, and `db/` names only the domain's
 * leaf files (stored enums, row types, the store interfaces), never a service.
 */
const BEHIND_PORTS = [
  'domain/announcements',
  'domain/audit',
  'domain/org',
  'domain/workflows',
  'domain/files',
  'domain/supervision',
  'domain/maintenance',
];
/** A generic helper that imports nothing of the database itself (the workflow view reads batch with it). */
const DB_LEAVES_A_DOMAIN_MAY_IMPORT = ['db/sql/group-batcher.ts'];
const DOMAIN_LEAVES =
  /^domain\/(tx\.ts|[^/]+\/(model|types|[a-z]+-types|records|store|template-schema)\.ts)$/;

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
  const offending = importsOf(folder).filter(
    ({ target }) => target.startsWith('db/') && !DB_LEAVES_A_DOMAIN_MAY_IMPORT.includes(target),
  );
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

/**
 * One listener per file, each on its own (docs/architecture.md): a listener that imports another
 * makes the two one module again. Listener modules (`*.command.ts`, `*.action.ts`, `*.view.ts`,
 * `*.event.ts`, `*.shortcut.ts` under slack/listeners) import nothing from slack/listeners except
 * a folder's `index.ts` (the `/oa` handlers, the `/announce` subcommands) and the router's type;
 * only the registry, slack/listeners/index.ts, imports listener modules.
 */
it('no Slack listener imports another listener', () => {
  const LISTENERS = path.join(SRC, 'slack/listeners');
  const REGISTRY = path.join(LISTENERS, 'index.ts');
  const ROUTER = path.join(LISTENERS, 'router.ts');
  const inTree = (file: string) => file.startsWith(`${LISTENERS}${path.sep}`);
  const isListener = (file: string) =>
    inTree(file) && /\.(command|action|view|event|shortcut)\.ts$/.test(file);
  const offending = [...importGraph(SRC)].flatMap(([file, targets]) =>
    targets
      .filter((target) => inTree(file) && inTree(target))
      .filter(
        (target) =>
          (isListener(file) && path.basename(target) !== 'index.ts' && target !== ROUTER) ||
          (isListener(target) && file !== REGISTRY),
      )
      .map((target) => `${path.relative(SRC, file)} → ${path.relative(SRC, target)}`),
  );
  expect(offending).toEqual([]);
});
