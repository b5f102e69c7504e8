import { join } from 'node:path';
import { directoryIsEmpty } from './domain/org/directory.service';
import type { OrgFile } from './domain/org/org-file';
import { readOrgFile } from './domain/org/org-file';
import { importOrgFile } from './domain/org/org-import.service';
import type { Logger } from './logger';
import { PROJECT_ROOT } from './paths';
import { SlackEmulator } from './sandbox';

/**
 * Local mode: no Slack credentials, so the app talks to the project's own workspace emulator,
 * populated with the example organisation so that every kind of person can be tried at once.
 */
export const EXAMPLE_ORG_FILE = join(PROJECT_ROOT, 'examples', 'org.yaml');

export async function loadExampleOrg(): Promise<OrgFile> {
  const result = await readOrgFile(EXAMPLE_ORG_FILE);
  if (!result.ok) {
    throw new Error(
      `examples/org.yaml is invalid: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
  return result.file;
}

export function addExampleUsers(emulator: SlackEmulator, org: OrgFile): void {
  for (const person of org.people) {
    if (!person.slackId) continue;
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
  emulator.addUser({
    id: 'U0NEWCOMER',
    name: 'newcomer',
    realName: 'Nora Newcomer',
    email: 'nora@example.org',
  });
}

/** Imports the example organisation once, into an empty directory; an existing one is left alone. */
export async function seedExampleOrgIfEmpty(org: OrgFile, logger: Logger): Promise<void> {
  if (!(await directoryIsEmpty())) return;
  const result = await importOrgFile(org, { lookupSlackIdByEmail: async () => null });
  if (!result.ok) throw new Error(`example organisation import failed: ${JSON.stringify(result.problems)}`);
  logger.info(
    { people: result.report.people.added.length },
    'example organisation imported into the empty directory',
  );
}

export async function startLocalWorkspace(host: string, port: number, logger: Logger) {
  const org = await loadExampleOrg();
  const emulator = new SlackEmulator({ host, port, teamName: 'Example Organisation (local)' });
  addExampleUsers(emulator, org);
  await emulator.start();
  return { emulator, org, seed: () => seedExampleOrgIfEmpty(org, logger) };
}
