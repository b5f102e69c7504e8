import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from '../logger';

/**
 * This process's identity as the holder of outbox leases (migration 0010). A dedicated
 * connection holds the session-level advisory lock (LEASE_NAMESPACE, id) for the life of the
 * process: when the process dies, its connection closes and PostgreSQL drops the lock, and any
 * other process (or this one restarted) may take over the rows it held at once
 * (`lease_holder_gone`). Rows claimed while no lock is held carry no holder and wait out their
 * lease, as before. If the connection drops while the process lives, another process may take
 * over a row in flight; posts carry their outbox id as metadata and a re-post looks for it first,
 * and updates render the current state, so the overlap costs a repeated update, not a lost one.
 */
export const LEASE_NAMESPACE = 26479;

let currentHolder: number | null = null;

/** The holder id claims and leased writes record; null when this process holds no lock. */
export const leaseHolderId = (): number | null => currentHolder;

export interface LeaseHolder {
  readonly id: number | null;
  stop(): Promise<void>;
}

export async function startLeaseHolder(databaseUrl: string, logger: Logger): Promise<LeaseHolder> {
  let client: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: databaseUrl, application_name: 'gongwu-lease-holder' });
    next.on('error', () => undefined);
    await next.connect();
    for (;;) {
      const id = randomInt(1, 2 ** 31 - 1);
      const { rows } = await next.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
        LEASE_NAMESPACE,
        id,
      ]);
      if (rows[0]?.ok) {
        client = next;
        currentHolder = id;
        break;
      }
    }
    next.once('end', () => {
      currentHolder = null;
      client = undefined;
      if (stopped) return;
      logger.warn('lost the lease-holder connection; leases are time-bound until it is back');
      scheduleReconnect();
    });
  };
  const scheduleReconnect = () => {
    retry = setTimeout(() => {
      connect().catch(() => scheduleReconnect());
    }, 1000);
  };

  await connect();
  return {
    get id() {
      return currentHolder;
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      currentHolder = null;
      await client?.end().catch(() => undefined);
    },
  };
}
