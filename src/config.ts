import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { FILE_KINDS, type FileKind } from './storage/content-type';
import type { S3Settings } from './storage/s3-content-store';

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

/** A number with a lower bound and a default (fan-out pace, acknowledgement timings). */
const count = (what: string, fallback: number, min: number, whole = false) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: `must be ${what}` })
      .refine((value) => value >= min && (!whole || Number.isInteger(value)), { message: `must be ${what}` })
      .default(fallback),
  );

/** "08:30" (a time of day) or "off". */
const timeOrOff = (fallback: string, example: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .transform((value) => value.trim().toLowerCase())
      .refine((value) => value === 'off' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value), {
        message: `must be a time of day such as ${example}, or off`,
      })
      .transform((value) => (value === 'off' ? null : value)),
  );

const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** "mon 09:00" (weekday and time in the organisation's zone) or "off". */
const weeklyAt = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('mon 09:00')
    .transform((value) => value.trim().toLowerCase())
    .refine(
      (value) => value === 'off' || /^(sun|mon|tue|wed|thu|fri|sat) ([01]\d|2[0-3]):[0-5]\d$/.test(value),
      {
        message: 'must be a weekday and a time such as mon 09:00, or off',
      },
    )
    .transform((value) => {
      if (value === 'off') return null;
      const [day = 'mon', at = '09:00'] = value.split(' ');
      return { day: WEEKDAY_NAMES.indexOf(day), at };
    }),
);

/** "1-5" or "0,1,2,3,4,5,6": working weekdays, 0 = Sunday. */
const weekdays = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('1-5')
    .transform((value) => {
      const range = /^([0-6])-([0-6])$/.exec(value.trim());
      if (range) {
        const [from, to] = [Number(range[1]), Number(range[2])];
        return from <= to ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [];
      }
      return value.split(',').map((day) => Number(day.trim()));
    })
    .refine((days) => days.length > 0 && days.every((day) => Number.isInteger(day) && day >= 0 && day <= 6), {
      message: 'must be weekdays 0–6 (0 = Sunday) as a range such as 1-5 or a list such as 1,2,3,4,5',
    }),
);

/** "09:00-18:00" (24:00 allowed as the end). */
const workingHours = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('09:00-18:00')
    .refine(
      (value) => {
        const match = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(value.trim());
        if (!match) return false;
        const [from, to] = [
          Number(match[1]) * 60 + Number(match[2]),
          Number(match[3]) * 60 + Number(match[4]),
        ];
        return Number(match[2]) < 60 && Number(match[4]) < 60 && to <= 24 * 60 && from < to;
      },
      { message: 'must be a start and an end time such as 09:00-18:00' },
    )
    .transform((value) => {
      const [dayStart, dayEnd] = value.trim().split('-') as [string, string];
      return { dayStart, dayEnd };
    }),
);

/** "0.5,1": fractions of the SLA, each above 0 and at most 1. */
const slaPoints = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('0.5,1')
    .transform((value) => value.split(',').map((point) => Number(point.trim())))
    .refine((points) => points.every((point) => point > 0 && point <= 1), {
      message: 'must be fractions of the SLA above 0 and at most 1, such as 0.5,1',
    }),
);

const schema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user:pass@db:5432/gongwu'),
    DATABASE_MIGRATION_URL: url(['postgres:', 'postgresql:'], 'postgres://owner:pass@db:5432/gongwu'),
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
    HOST: z.preprocess(emptyToUndefined, z.string().optional()),
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
    BACKUP_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
    BACKUP_TIME: timeOrOff('02:00', '02:00'),
    /** The monthly supervision report (first working day, 09:00): on, or off (tests, benchmarks). */
    REPORT_MONTHLY: z.preprocess(
      emptyToUndefined,
      z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
    ),
    DRILL_DAY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('1')
        .transform((value) => value.trim().toLowerCase())
        .refine(
          (value) =>
            value === 'off' || (/^\d{1,2}$/.test(value) && Number(value) >= 1 && Number(value) <= 28),
          {
            message: 'must be a day of the month from 1 to 28, or off',
          },
        )
        .transform((value) => (value === 'off' ? null : Number(value))),
    ),
    DRILL_TIME: timeOrOff('03:00', '03:00'),
    BACKUP_KEEP_DAILY: count('a whole number such as 7', 7, 0, true),
    BACKUP_KEEP_WEEKLY: count('a whole number such as 4', 4, 0, true),
    BACKUP_KEEP_MONTHLY: count('a whole number such as 12', 12, 0, true),
    BACKUP_ENCRYPTION_KEY: z.preprocess(
      emptyToUndefined,
      z.string().min(16, { message: 'must be at least 16 characters (a long random passphrase)' }).optional(),
    ),
    FILES_MAX_MB: count('a number of megabytes above 0 such as 50', 50, 0.001),
    FILES_MAX_PER_UPLOAD: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a whole number from 1 to 10' })
        .int({ message: 'must be a whole number from 1 to 10' })
        .min(1, { message: 'must be a whole number from 1 to 10' })
        .max(10, { message: 'must be a whole number from 1 to 10 (a file_input takes at most 10)' })
        .default(5),
    ),
    FILES_TYPES: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default(FILE_KINDS.join(','))
        .transform((value) =>
          value
            .split(',')
            .map((kind) => kind.trim().toLowerCase())
            .filter(Boolean),
        )
        .refine(
          (kinds) =>
            kinds.length > 0 && kinds.every((kind) => (FILE_KINDS as readonly string[]).includes(kind)),
          {
            message: `must be a comma-separated list of file types from ${FILE_KINDS.join(', ')}`,
          },
        )
        .transform((kinds) => kinds as FileKind[]),
    ),
    CLAMD_URL: url(['tcp:'], 'tcp://clamav:3310'),
    BACKUP_S3_URL: url(['http:', 'https:'], 'https://s3.eu-west-1.amazonaws.com'),
    BACKUP_S3_BUCKET: z.preprocess(emptyToUndefined, z.string().optional()),
    BACKUP_S3_REGION: z.preprocess(emptyToUndefined, z.string().default('us-east-1')),
    BACKUP_S3_ACCESS_KEY_ID: z.preprocess(emptyToUndefined, z.string().optional()),
    BACKUP_S3_SECRET_ACCESS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    BACKUP_S3_PREFIX: z.preprocess(emptyToUndefined, z.string().default('gongwu-backups/')),
    BACKUP_S3_PATH_STYLE: z.preprocess(
      emptyToUndefined,
      z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
    ),
    FILES_S3_URL: url(['http:', 'https:'], 'https://s3.eu-west-1.amazonaws.com'),
    FILES_S3_BUCKET: z.preprocess(emptyToUndefined, z.string().optional()),
    FILES_S3_REGION: z.preprocess(emptyToUndefined, z.string().default('us-east-1')),
    FILES_S3_ACCESS_KEY_ID: z.preprocess(emptyToUndefined, z.string().optional()),
    FILES_S3_SECRET_ACCESS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    FILES_S3_PREFIX: z.preprocess(emptyToUndefined, z.string().default('gongwu/')),
    FILES_S3_PATH_STYLE: z.preprocess(
      emptyToUndefined,
      z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
    ),
    WORK_DAYS: weekdays,
    WORK_HOURS: workingHours,
    DEFAULT_SLA_HOURS: count('a number of working hours above 0 such as 16', 16, 0.0001),
    REMINDER_POINTS: slaPoints,
    MAX_REMINDERS: count('a whole number such as 2', 2, 0, true),
    ESCALATE_AFTER_HOURS: count('a number of working hours such as 0', 0, 0),
    NUDGE_INTERVAL_MINUTES: count('a number of minutes such as 60', 60, 0),
    DEADLINE_RECONCILE_SECONDS: count('a number of seconds, at least 1, such as 300', 300, 1),
    DIGEST_TIME: timeOrOff('08:30', '08:30'),
    DIGEST_MAX_ITEMS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a whole number from 1 to 20' })
        .int({ message: 'must be a whole number from 1 to 20' })
        .min(1, { message: 'must be a whole number from 1 to 20' })
        .max(20, { message: 'must be a whole number from 1 to 20 (Slack allows 50 blocks a message)' })
        .default(10),
    ),
    WEEKLY_SUMMARY: weeklyAt,
    FANOUT_POSTS_PER_SECOND: count('a number of messages per second such as 4', 4, 0.1),
    FANOUT_UPDATES_PER_MINUTE: count('a number of updates per minute such as 40', 40, 1),
    FANOUT_CHANNEL_INTERVAL_MS: count('a number of milliseconds such as 1000', 1000, 0),
    FANOUT_CONCURRENCY: count('a whole number such as 8', 8, 1, true),
    FANOUT_LEASE_SECONDS: count('a number of seconds, at least 15', 60, 15),
    ACK_REFRESH_SECONDS: count('a number of seconds such as 5', 5, 1),
    ACK_CHASE_INTERVAL_MINUTES: count('a number of minutes such as 1440', 1440, 1),
    ANNOUNCE_PUBLISHER_STEP: z.preprocess(
      emptyToUndefined,
      z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
    ),
    ANNOUNCE_WITHDRAW_MODE: z.preprocess(
      emptyToUndefined,
      z.enum(['notice', 'delete'], { message: 'must be notice or delete' }).default('notice'),
    ),
    SCORECARD_FILE: z.preprocess(emptyToUndefined, z.string().optional()),
    FINDINGS_REMIND_AFTER_DAYS: count('a whole number of working days such as 2', 2, 0, true),
  })
  .superRefine((env, ctx) => {
    if (env.FILES_S3_URL) {
      for (const name of [
        'FILES_S3_BUCKET',
        'FILES_S3_ACCESS_KEY_ID',
        'FILES_S3_SECRET_ACCESS_KEY',
      ] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required with FILES_S3_URL' });
      }
    }
    if (env.BACKUP_S3_URL) {
      for (const name of [
        'BACKUP_S3_BUCKET',
        'BACKUP_S3_ACCESS_KEY_ID',
        'BACKUP_S3_SECRET_ACCESS_KEY',
      ] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required with BACKUP_S3_URL' });
      }
    }
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
  /**
   * The role that owns the schema, for migrations; the app itself then runs as DATABASE_URL's
   * role, a member of gongwu_app that owns nothing (migration 0011). Unset: one role does both.
   */
  databaseMigrationUrl: string | undefined;
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
  /** The monthly supervision report to heads, supervisors and admins (jobs/monthly-reports.ts). */
  reports: { monthly: boolean };
  /** Backups (src/backup): where they are written, and the secret that encrypts them if set. */
  backup: {
    dir: string;
    encryptionKey: string | undefined;
    /** Daily backup time ("HH:MM", organisation's zone) or null; the monthly drill's day and time. */
    at: string | null;
    drillDay: number | null;
    drillAt: string;
    keep: { daily: number; weekly: number; monthly: number };
    /** S3-compatible storage for backups (BACKUP_S3_URL); unset: the directory `dir`. */
    s3: S3Settings | undefined;
  };
  /** The file library (src/domain/files, src/storage): limits, the virus scanner, where bytes live. */
  files: {
    maxBytes: number;
    /** How many files one upload modal takes (the file_input's max_files). */
    maxPerUpload: number;
    allowed: FileKind[];
    clamdUrl: string | undefined;
    /** Where uploads are spooled while checked (under DATA_DIR). */
    spoolDir: string;
    /** S3-compatible object storage; unset: the bytes live in PostgreSQL. */
    s3: S3Settings | undefined;
  };
  /** Working calendar, SLAs and the deadline machinery (src/jobs/deadlines.ts). */
  deadlines: {
    workingDays: number[];
    dayStart: string;
    dayEnd: string;
    defaultSlaHours: number;
    reminderPoints: number[];
    maxReminders: number;
    escalateAfterHours: number;
    nudgeIntervalMinutes: number;
    reconcileEverySeconds: number;
  };
  /** Daily digests (each approver's zone) and the weekly overdue summary (src/jobs/digests.ts). */
  digests: { dailyAt: string | null; maxItems: number; weekly: { day: number; at: string } | null };
  /** Pace and leases of bulk Slack sends (src/delivery/fanout-sender.ts). */
  fanout: {
    postsPerSecond: number;
    updatesPerMinute: number;
    channelIntervalMs: number;
    concurrency: number;
    leaseSeconds: number;
  };
  /** Acknowledgements: how often a posted count is refreshed, how often non-acknowledgers may be chased. */
  acks: { refreshSeconds: number; chaseIntervalMinutes: number };
  /** Announcements: admins as a final publisher step; what retraction/expiry do to posted copies. */
  announcements: { publisherStep: boolean; withdrawMode: 'notice' | 'delete' };
  /** Spot checks and scorecards: the admins' scorecard YAML, when open findings are chased. */
  supervision: { scorecardFile: string | undefined; remindAfterWorkingDays: number };
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
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    redisUrl: e.REDIS_URL,
    slack,
    port: e.PORT,
    // Local mode serves one person on their own machine: /metrics and /readyz stay on loopback
    // unless HOST says otherwise. Slack must reach HTTP mode, and a container is reached through
    // its own interface, so there every interface is the default (the image sets HOST too).
    host: e.HOST ?? (slack.kind === 'local' ? '127.0.0.1' : '0.0.0.0'),
    sandboxPort: e.SANDBOX_PORT,
    logLevel: e.LOG_LEVEL,
    defaultLocale: e.DEFAULT_LOCALE,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    bootstrapAdmins: e.BOOTSTRAP_ADMINS,
    dataDir: resolve(e.DATA_DIR),
    reports: { monthly: e.REPORT_MONTHLY === 'on' },
    backup: {
      dir: resolve(e.BACKUP_DIR ?? join(e.DATA_DIR, 'backups')),
      encryptionKey: e.BACKUP_ENCRYPTION_KEY,
      at: e.BACKUP_TIME,
      drillDay: e.DRILL_TIME === null ? null : e.DRILL_DAY,
      drillAt: e.DRILL_TIME ?? '03:00',
      keep: { daily: e.BACKUP_KEEP_DAILY, weekly: e.BACKUP_KEEP_WEEKLY, monthly: e.BACKUP_KEEP_MONTHLY },
      s3:
        e.BACKUP_S3_URL && e.BACKUP_S3_BUCKET && e.BACKUP_S3_ACCESS_KEY_ID && e.BACKUP_S3_SECRET_ACCESS_KEY
          ? {
              endpoint: e.BACKUP_S3_URL,
              bucket: e.BACKUP_S3_BUCKET,
              region: e.BACKUP_S3_REGION,
              accessKeyId: e.BACKUP_S3_ACCESS_KEY_ID,
              secretAccessKey: e.BACKUP_S3_SECRET_ACCESS_KEY,
              prefix: e.BACKUP_S3_PREFIX,
              forcePathStyle: e.BACKUP_S3_PATH_STYLE === 'true',
            }
          : undefined,
    },
    files: {
      maxBytes: Math.round(e.FILES_MAX_MB * 1024 * 1024),
      maxPerUpload: e.FILES_MAX_PER_UPLOAD,
      allowed: e.FILES_TYPES,
      clamdUrl: e.CLAMD_URL,
      spoolDir: resolve(join(e.DATA_DIR, 'spool')),
      s3:
        e.FILES_S3_URL && e.FILES_S3_BUCKET && e.FILES_S3_ACCESS_KEY_ID && e.FILES_S3_SECRET_ACCESS_KEY
          ? {
              endpoint: e.FILES_S3_URL,
              bucket: e.FILES_S3_BUCKET,
              region: e.FILES_S3_REGION,
              accessKeyId: e.FILES_S3_ACCESS_KEY_ID,
              secretAccessKey: e.FILES_S3_SECRET_ACCESS_KEY,
              prefix: e.FILES_S3_PREFIX,
              forcePathStyle: e.FILES_S3_PATH_STYLE === 'true',
            }
          : undefined,
    },
    deadlines: {
      workingDays: e.WORK_DAYS,
      ...e.WORK_HOURS,
      defaultSlaHours: e.DEFAULT_SLA_HOURS,
      reminderPoints: e.REMINDER_POINTS,
      maxReminders: e.MAX_REMINDERS,
      escalateAfterHours: e.ESCALATE_AFTER_HOURS,
      nudgeIntervalMinutes: e.NUDGE_INTERVAL_MINUTES,
      reconcileEverySeconds: e.DEADLINE_RECONCILE_SECONDS,
    },
    digests: { dailyAt: e.DIGEST_TIME, maxItems: e.DIGEST_MAX_ITEMS, weekly: e.WEEKLY_SUMMARY },
    fanout: {
      postsPerSecond: e.FANOUT_POSTS_PER_SECOND,
      updatesPerMinute: e.FANOUT_UPDATES_PER_MINUTE,
      channelIntervalMs: e.FANOUT_CHANNEL_INTERVAL_MS,
      concurrency: e.FANOUT_CONCURRENCY,
      leaseSeconds: e.FANOUT_LEASE_SECONDS,
    },
    acks: { refreshSeconds: e.ACK_REFRESH_SECONDS, chaseIntervalMinutes: e.ACK_CHASE_INTERVAL_MINUTES },
    announcements: {
      publisherStep: e.ANNOUNCE_PUBLISHER_STEP === 'true',
      withdrawMode: e.ANNOUNCE_WITHDRAW_MODE,
    },
    supervision: {
      scorecardFile: e.SCORECARD_FILE,
      remindAfterWorkingDays: e.FINDINGS_REMIND_AFTER_DAYS,
    },
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
