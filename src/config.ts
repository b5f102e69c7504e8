import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';

/**
 * The only reader of process.env. Everything else receives a typed `Config`.
 * A bad value stops the process with one line naming the variable (see `formatConfigError`).
 */

export const SUPPORTED_LOCALES = ['en', 'zh-TW'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const url = (protocols: string[], example: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (value) => {
          try {
            return protocols.includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
        { message: `must be a URL starting with ${protocols.join(' or ')}// (for example ${example})` },
      )
      .optional(),
  );

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

const isValidTimezone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const schema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user:pass@db:5432/gongwu'),
    REDIS_URL: url(['redis:', 'rediss:'], 'redis://redis:6379'),
    SLACK_BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().startsWith('xoxb-', { message: 'must be a bot token starting with xoxb-' }).optional(),
    ),
    SLACK_SIGNING_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .min(16, { message: 'looks too short; copy "Signing Secret" from Basic Information' })
        .optional(),
    ),
    SLACK_APP_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .startsWith('xapp-', { message: 'must be an app-level token starting with xapp-' })
        .optional(),
    ),
    SLACK_API_URL: url(['http:', 'https:'], 'https://slack.com/api/'),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a number' })
        .int({ message: 'must be a whole number' })
        .min(0, { message: 'must be between 0 and 65535' })
        .max(65535, { message: 'must be between 0 and 65535' })
        .default(3000),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    SANDBOX_PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a number' })
        .int()
        .min(0, { message: 'must be between 0 and 65535' })
        .max(65535, { message: 'must be between 0 and 65535' })
        .optional(),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    DEFAULT_LOCALE: z.preprocess(
      emptyToUndefined,
      z.enum(SUPPORTED_LOCALES, { message: `must be one of ${SUPPORTED_LOCALES.join(', ')}` }).default('en'),
    ),
    DEFAULT_TIMEZONE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isValidTimezone, { message: 'must be an IANA time zone such as Asia/Taipei' })
        .default('Asia/Taipei'),
    ),
    BOOTSTRAP_ADMINS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('')
        .transform((value) =>
          value
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        )
        .refine((ids) => ids.every((id) => slackUserId.test(id)), {
          message: 'must be comma-separated Slack user ids such as U0123ABCD,U0456EFGH',
        }),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_APP_TOKEN && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'is required with SLACK_APP_TOKEN (Socket Mode needs both tokens)',
      });
    }
    if (env.SLACK_SIGNING_SECRET && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'is required with SLACK_SIGNING_SECRET (HTTP mode needs both)',
      });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) beside it',
      });
    }
  });

export type SlackMode =
  | { kind: 'socket'; botToken: string; appToken: string; apiUrl: string | undefined }
  | { kind: 'http'; botToken: string; signingSecret: string; apiUrl: string | undefined }
  | { kind: 'local' };

export interface Config {
  env: 'development' | 'production' | 'test';
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  slack: SlackMode;
  port: number;
  host: string;
  sandboxPort: number | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  defaultLocale: Locale;
  defaultTimezone: string;
  bootstrapAdmins: string[];
  dataDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}

/** Pure: parses an environment-like record. Throws ConfigError listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${String(issue.path[0] ?? 'configuration')} ${issue.message}`),
    );
  }
  const e = result.data;
  let slack: SlackMode;
  if (e.SLACK_APP_TOKEN && e.SLACK_BOT_TOKEN) {
    slack = {
      kind: 'socket',
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    };
  } else if (e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN) {
    slack = {
      kind: 'http',
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
    };
  } else {
    slack = { kind: 'local' };
  }
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    slack,
    port: e.PORT,
    host: e.HOST,
    sandboxPort: e.SANDBOX_PORT,
    logLevel: e.LOG_LEVEL,
    defaultLocale: e.DEFAULT_LOCALE,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    bootstrapAdmins: e.BOOTSTRAP_ADMINS,
    dataDir: resolve(e.DATA_DIR),
  };
}

/** One line for the operator, naming the variable and what is wrong. */
export function formatConfigError(error: ConfigError): string {
  return `Invalid configuration: ${error.problems.join('; ')}. See .env.example.`;
}

/** Reads `.env` (if present) into process.env without overriding real variables, then parses. */
export function loadConfig(): Config {
  const envFile = resolve('.env');
  if (existsSync(envFile)) dotenv.config({ path: envFile, quiet: true });
  return parseConfig(process.env);
}
