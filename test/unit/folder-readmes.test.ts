import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder READMEs list every file, so a newcomer can find their way and a new file is
 * described where the next person looks first. A file missing from its README fails here.
 */
const SRC = path.resolve(__dirname, '../../src');
const FOLDERS = [
  'db',
  'jobs',
  'slack',
  'slack/listeners',
  'domain/workflows',
  'domain/announcements',
  'domain/org',
  'domain/audit',
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

it.each(FOLDERS)('src/%s/README.md names every file in the folder', (folder) => {
  const root = path.join(SRC, folder);
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const unnamed = tsFiles(root)
    .map((file) => path.relative(root, file))
    // A folder of data files (the built-in templates) may be named as a whole.
    .filter((file) => !readme.includes(`\`${file}\``) && !readme.includes(`\`${path.dirname(file)}/\``));
  expect(unnamed).toEqual([]);
});
