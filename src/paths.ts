import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package root (where package.json lives), whether we run from src/ under tsx or from the
 * compiled dist/src/. Files that are not compiled, such as examples/, are found from here.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
