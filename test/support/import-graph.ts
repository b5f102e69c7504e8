import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The import graph of a source tree, read with TypeScript's own pre-processor (every `import`,
 * `import type` and `export … from` counts: a type-only cycle is still two modules that cannot be
 * understood apart), and its cycles (strongly connected components of more than one module).
 */
export function importGraph(root: string): Map<string, string[]> {
  const files = listTsFiles(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
    const targets = importedFiles
      .map((ref) => ref.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(path.dirname(file), name, known))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * Every import of a source tree that leaves it: a relative path resolving outside `root`, or a
 * package name (`node:` built-ins aside), as `file → specifier`.
 */
export function importsLeaving(root: string): { file: string; specifier: string }[] {
  return listTsFiles(root).flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, false)
      .importedFiles.map((ref) => ref.fileName)
      .filter((name) =>
        name.startsWith('.')
          ? path.relative(root, path.resolve(path.dirname(file), name)).startsWith('..')
          : !name.startsWith('node:'),
      )
      .map((specifier) => ({ file: path.relative(root, file), specifier })),
  );
}

function resolve(dir: string, name: string, known: Set<string>): string | undefined {
  const base = path.resolve(dir, name);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => known.has(candidate));
}

export function listTsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return listTsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Tarjan's algorithm: every group of modules that import each other, directly or not. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
