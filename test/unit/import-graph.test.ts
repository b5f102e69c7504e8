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
