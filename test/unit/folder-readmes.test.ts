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
  'delivery',
  'slack',
  'slack/listeners',
  'domain/workflows',
  'domain/announcements',
  'domain/org',
  'domain/audit',
  'storage',
  'domain/files',
  'backup',
  'reports',
  'domain/supervision',
  'domain/incidents',
  'domain/maintenance',
  'wiring',
];
/** Workspace packages: the package's README names every file of its `src/`. */
const PACKAGES = path.resolve(__dirname, '../../packages');
const PACKAGE_NAMES = ['slack-emulator'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

function unnamedFiles(root: string, readme: string): string[] {
  return (
    tsFiles(root)
      .map((file) => path.relative(root, file))
      // A folder of data files (the built-in templates) may be named as a whole.
      .filter((file) => !readme.includes(`\`${file}\``) && !readme.includes(`\`${path.dirname(file)}/\``))
  );
}

it.each(FOLDERS)('src/%s/README.md names every file in the folder', (folder) => {
  const root = path.join(SRC, folder);
  expect(unnamedFiles(root, readFileSync(path.join(root, 'README.md'), 'utf8'))).toEqual([]);
});

it.each(PACKAGE_NAMES)('packages/%s/README.md names every file of its src/', (name) => {
  const readme = readFileSync(path.join(PACKAGES, name, 'README.md'), 'utf8');
  expect(unnamedFiles(path.join(PACKAGES, name, 'src'), readme)).toEqual([]);
});
