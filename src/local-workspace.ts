import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { SlackEmulator } from '@gongwu/slack-emulator';
import type { Locale } from './config';
import { SYSTEM_ACTORS } from './domain/audit/model';
import type { OrgService } from './domain/org';
import type { OrgFile } from './domain/org/org-file';
import { readOrgFile } from './domain/org/org-file';
import { keepDirectoryTitles } from './local-workspace-titles';
import type { Logger } from './logger';
import { PROJECT_ROOT } from './paths';
import { syncOrgFileCategories } from './wiring/files';
import { createOrg } from './wiring/org';

/**
 * Local mode: no Slack credentials, so the app talks to the project's own workspace emulator,
 * populated with the example organisation so that every kind of person can be tried at once.
 */
export const EXAMPLE_ORG_FILE = join(PROJECT_ROOT, 'examples', 'org.yaml');

/** The app's slash commands and usage hints, which the workspace page offers as Slack's client does. */
export const APP_MANIFEST_FILE = join(PROJECT_ROOT, 'manifests', 'socket-mode.json');

/**
 * The emulator is a development package (packages/slack-emulator), run from its TypeScript
 * sources: loaded here, only in local mode, so that the production build and image neither
 * contain nor need it. Without it (a production install) or without TypeScript (the compiled
 * app, `npm run start:prod`), local mode says what to do instead of failing on a module error.
 */
async function loadEmulator(): Promise<typeof import('@gongwu/slack-emulator')> {
  try {
    return await import('@gongwu/slack-emulator');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
    if (!missing && !(error instanceof SyntaxError)) throw error;
    throw new Error(
      missing
        ? 'local mode needs the workspace emulator (@gongwu/slack-emulator), which only a development install ' +
            'has (npm ci): set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET to use Slack'
        : 'local mode runs from the TypeScript sources: start it with npm start, not the compiled app',
      { cause: error },
    );
  }
}

export async function loadExampleOrg(): Promise<OrgFile> {
  const result = await readOrgFile(EXAMPLE_ORG_FILE);
  if (!result.ok) {
    throw new Error(
      `examples/org.yaml is invalid: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
  return result.file;
}

/** Fiona Smith, an employee of the example organisation, in English (the default language). */
export const LOCAL_START_AS = 'U01FIONA0';

export function addExampleUsers(emulator: SlackEmulator, org: OrgFile): void {
  for (const person of org.people) {
    // Restored from an earlier run (workspace.json): kept as they were.
    if (!person.slackId || emulator.user(person.slackId)) continue;
    emulator.addUser({
      id: person.slackId,
      name: (person.email ?? person.name).split('@')[0] ?? person.name,
      realName: person.name,
      ...(person.email ? { email: person.email } : {}),
      ...(person.timezone ? { tz: person.timezone } : {}),
      ...(person.locale ? { locale: person.locale === 'zh-TW' ? 'zh-TW' : 'en-US' } : {}),
    });
  }
  // An employee the directory has never heard of, to show what unregistered people see.
  if (emulator.user('U0NEWCOMER')) return;
  emulator.addUser({
    id: 'U0NEWCOMER',
    name: 'newcomer',
    realName: 'Nora Newcomer',
    email: 'nora@example.org',
  });
}

/** Imports the example organisation once, into an empty directory; an existing one is left alone. */
export async function seedExampleOrgIfEmpty(
  org: OrgFile,
  logger: Logger,
  directory: Pick<OrgService, 'directoryIsEmpty' | 'importOrgFile'> = createOrg(),
): Promise<void> {
  if (!(await directory.directoryIsEmpty())) return;
  const result = await directory.importOrgFile(org, { lookupSlackIdByEmail: async () => null });
  if (!result.ok) throw new Error(`example organisation import failed: ${JSON.stringify(result.problems)}`);
  if (org.fileCategories) await syncOrgFileCategories(org.fileCategories, SYSTEM_ACTORS.import);
  logger.info(
    { people: result.report.people.added.length },
    'example organisation imported into the empty directory',
  );
}

/**
 * The local workspace, kept in `dataDir/workspace.json` across restarts as the embedded database
 * is kept in `dataDir`: the cards the database points to are still there, buttons and all. A file
 * that cannot be read is set aside (workspace.json.unreadable-<time>) and the workspace starts empty.
 */
export async function startLocalWorkspace(host: string, port: number, logger: Logger, dataDir: string) {
  const { SlackEmulator, keepWorkspaceIn, readWorkspaceFile } = await loadEmulator();
  const org = await loadExampleOrg();
  const emulator = new SlackEmulator({
    host,
    port,
    appManifestPath: APP_MANIFEST_FILE,
    teamName: 'Example Organisation (local)',
    // The page opens on an employee's Home: what most people see first.
    startAs: LOCAL_START_AS,
  });
  const path = join(dataDir, 'workspace.json');
  await mkdir(dataDir, { recursive: true });
  try {
    const saved = await readWorkspaceFile(path);
    if (saved) {
      emulator.restore(saved);
      logger.info({ path }, 'local workspace restored');
    }
  } catch (error) {
    const aside = `${path}.unreadable-${Date.now()}`;
    await rename(path, aside).catch(() => undefined);
    logger.warn(
      { err: error, path, movedTo: aside },
      'could not read the saved local workspace; starting empty',
    );
  }
  addExampleUsers(emulator, org);
  const file = keepWorkspaceIn(emulator, path, (error) =>
    logger.warn({ err: error, path }, 'could not save the local workspace'),
  );
  await emulator.start();
  let titles: { stop(): void } | undefined;
  return {
    emulator,
    org,
    seed: () => seedExampleOrgIfEmpty(org, logger),
    /** Who is who (roles, heads) on people's profile titles, from the directory: call once it is seeded. */
    showRoles(locale: Locale) {
      titles ??= keepDirectoryTitles(emulator, locale, logger);
    },
    async stop() {
      titles?.stop();
      await file.stop();
      await emulator.stop();
    },
  };
}
