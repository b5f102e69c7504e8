/**
 * `npm run screenshots`: starts the product in local mode (its own workspace emulator and an
 * embedded PostgreSQL in a temporary folder, as `npm start` with no credentials), drives the main
 * screens through the local workspace page in Chromium, and writes them to docs/screenshots/.
 * Chinese text and emoji need fonts (Debian: fonts-noto-cjk, fonts-noto-color-emoji).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config';
import { startPlatform } from '../src/main';
import { PROJECT_ROOT } from '../src/paths';
import { captureScreens } from '../test/browser/support/screens';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gongwu-screenshots-'));
  const outDir = join(PROJECT_ROOT, 'docs', 'screenshots');
  await mkdir(outDir, { recursive: true });
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    BACKUP_TIME: 'off',
    DRILL_TIME: 'off',
  });
  const platform = await startPlatform(config);
  try {
    if (!platform.emulator) throw new Error('expected local mode: unset the Slack credentials');
    await captureScreens(platform.emulator.url, outDir, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await platform.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
