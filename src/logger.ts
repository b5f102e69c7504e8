import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Secrets never reach the output: known secret-bearing keys are redacted
 * wherever they appear, and Slack tokens are masked inside any string that is logged.
 */

const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
];

const TOKEN_PATTERN = /\bx(?:ox[abposr]|app)-[A-Za-z0-9-]+/g;
const URL_PASSWORD_PATTERN = /(\w+:\/\/[^:/\s]+:)[^@\s]+@/g;

export function maskSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, 'xox*-[redacted]').replace(URL_PASSWORD_PATTERN, '$1[redacted]@');
}

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'gongwu-slack' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? maskSecrets(arg) : arg));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: {
        // Only the fields that help; driver errors carry whole client objects (and credentials).
        err: (err: Error & { code?: unknown; cause?: unknown }) => {
          const serialized = pino.stdSerializers.err(err);
          return {
            type: serialized.type,
            message: maskSecrets(serialized.message),
            stack: maskSecrets(serialized.stack),
            ...(err.code !== undefined ? { code: String(err.code) } : {}),
          };
        },
      },
    },
    destination,
  );
}

export type { Logger };
