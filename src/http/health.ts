import { randomBytes } from 'node:crypto';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * /healthz: the process is alive. /readyz: the database and the queue answer; 503 names the one
 * that does not, so an orchestrator (or a person) can see why traffic is held back. Its `details`
 * (queue counts, last reconciliation) inform a person and never decide readiness. The routes are
 * public wherever HOST is: a failure's own words (driver messages name hosts, users, databases) go
 * to the log under a reference, and the response carries only the reference.
 */
export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string; ms: number }>;
}

/** Logs a failure's detail and gives the words a public response may carry instead. */
function publicError(logger: Logger, error: unknown, what: string): string {
  const reference = randomBytes(4).toString('hex');
  logger.warn({ err: error, reference, what }, 'readiness check failed');
  return `unavailable (log reference ${reference})`;
}

export async function readiness(
  checks: Record<string, ReadinessCheck>,
  logger: Logger,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = Date.now();
      try {
        await check();
        return [name, { ok: true, ms: Date.now() - started }] as const;
      } catch (error) {
        return [
          name,
          { ok: false, error: publicError(logger, error, name), ms: Date.now() - started },
        ] as const;
      }
    }),
  );
  return { ready: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
}

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>;
  /** Extra facts for /readyz; a failure here is reported inside `details`, readiness stays the checks'. */
  details?: () => Promise<Record<string, unknown>>;
  extra?: CustomRoute[];
  logger: Logger;
}

async function detailsOf(
  details: HealthOptions['details'],
  logger: Logger,
): Promise<Record<string, unknown> | undefined> {
  if (!details) return undefined;
  try {
    return await details();
  } catch (error) {
    return { error: publicError(logger, error, 'details') };
  }
}

export function healthRoutes({ checks, details, extra = [], logger }: HealthOptions): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok' }));
      },
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        void Promise.all([readiness(checks, logger), detailsOf(details, logger)]).then(([report, facts]) => {
          res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' });
          const body = { status: report.ready ? 'ready' : 'not ready', ...report, details: facts };
          res.end(JSON.stringify(body));
        });
      },
    },
    ...extra,
  ];
}
