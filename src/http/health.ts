import type { CustomRoute } from '@slack/bolt';

/**
 * /healthz: the process is alive. /readyz: the database and the queue answer; 503 names the one
 * that does not, so an orchestrator (or a person) can see why traffic is held back. Its `details`
 * (queue counts, last reconciliation) inform a person and never decide readiness.
 */
export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string; ms: number }>;
}

export async function readiness(checks: Record<string, ReadinessCheck>): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = Date.now();
      try {
        await check();
        return [name, { ok: true, ms: Date.now() - started }] as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [name, { ok: false, error: message, ms: Date.now() - started }] as const;
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
}

async function detailsOf(details: HealthOptions['details']): Promise<Record<string, unknown> | undefined> {
  if (!details) return undefined;
  try {
    return await details();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function healthRoutes({ checks, details, extra = [] }: HealthOptions): CustomRoute[] {
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
        void Promise.all([readiness(checks), detailsOf(details)]).then(([report, facts]) => {
          res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' });
          const body = { status: report.ready ? 'ready' : 'not ready', ...report, details: facts };
          res.end(JSON.stringify(body));
        });
      },
    },
    ...extra,
  ];
}
