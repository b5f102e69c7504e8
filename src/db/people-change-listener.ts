import { Client } from 'pg';
import type { Logger } from '../logger';
import { type PeopleCache, peopleCache } from './people-cache';

export const PEOPLE_CHANGED_CHANNEL = 'people_changed';

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

export interface PeopleChangeListener {
  /** Resolves once the first connection is listening (or has failed once; it keeps retrying). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Holds one connection of its own (LISTEN needs a session; a pooled connection would be handed to
 * other queries) and turns each `people_changed` notice into `cache.forget`. While it is not
 * listening the cache is off (people-cache.ts); it reconnects with a growing pause, and on every
 * new connection the cache starts empty, since notices sent in between are lost.
 */
export function listenForPeopleChanges(
  databaseUrl: string,
  logger: Logger,
  cache: Pick<PeopleCache<unknown>, 'forget' | 'listenerConnected' | 'listenerDisconnected'> = peopleCache,
): PeopleChangeListener {
  let client: Client | undefined;
  let listening = false;
  let stopping = false;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const lost = (connection: Client, error?: unknown) => {
    if (connection !== client) return;
    client = undefined;
    if (listening) {
      listening = false;
      cache.listenerDisconnected();
    }
    void connection.end().catch(() => undefined);
    if (stopping) return;
    logger.warn(
      { err: error, retryMs },
      'directory change notices lost; reading people from the database until back',
    );
    // Unref'd: a process that is otherwise done does not stay up just to retry.
    retryTimer = setTimeout(connect, retryMs).unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = async () => {
    retryTimer = undefined;
    const connection = new Client({ connectionString: databaseUrl, keepAlive: true });
    client = connection;
    connection.on('error', (error) => lost(connection, error));
    connection.on('end', () => lost(connection));
    connection.on('notification', (notice) => {
      if (notice.channel === PEOPLE_CHANGED_CHANNEL) cache.forget((notice.payload ?? '*').split(','));
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${PEOPLE_CHANGED_CHANNEL}`);
      if (connection !== client || stopping) return;
      listening = true;
      retryMs = RETRY_FIRST_MS;
      cache.listenerConnected();
      logger.debug('listening for directory changes');
    } catch (error) {
      lost(connection, error);
    } finally {
      markReady();
    }
  };

  void connect();
  return {
    ready,
    async stop() {
      stopping = true;
      if (retryTimer) clearTimeout(retryTimer);
      const connection = client;
      client = undefined;
      if (listening) {
        listening = false;
        cache.listenerDisconnected();
      }
      await connection?.end().catch(() => undefined);
    },
  };
}
