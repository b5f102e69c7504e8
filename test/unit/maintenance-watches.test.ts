import { ErrorCode } from '@slack/web-api';
import type { NewLogEntry } from '../../src/domain/maintenance/model';
import { ConnectivityWatch } from '../../src/jobs/connectivity-watch';
import { createLogger } from '../../src/logger';
import { isSlackUnreachable, SlackOutageWatch } from '../../src/slack/slack-outage-watch';

/**
 * The fault watches record transitions, not every failed ping or call: an outage once when it
 * starts (where the log can hold it) and once when it ends, with both times.
 */
const logger = createLogger('silent');
const recorder = () => {
  const entries: NewLogEntry[] = [];
  return { entries, log: { record: async (entry: NewLogEntry) => void entries.push(entry) } };
};
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 5, 10, 0, seconds));

describe('ConnectivityWatch', () => {
  it('records a database outage once, when it is back, with its start and end', async () => {
    const { entries, log } = recorder();
    let database = true;
    const watch = new ConnectivityWatch(
      {
        database: async () => {
          if (!database) throw new Error('connection refused');
        },
        queue: async () => undefined,
      },
      log,
      logger,
      'redis',
    );
    await watch.check(at(0));
    database = false;
    await watch.check(at(15));
    await watch.check(at(30));
    await watch.check(at(45));
    expect(entries).toEqual([]);
    database = true;
    await watch.check(at(60));
    await watch.check(at(75));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'database_unreachable',
      at: at(15),
      details: { from: at(15).toISOString(), to: at(60).toISOString(), seconds: 45 },
    });
  });

  it('records the queue going away and coming back, once each', async () => {
    const { entries, log } = recorder();
    let queue = false;
    const watch = new ConnectivityWatch(
      {
        database: async () => undefined,
        queue: async () => {
          if (!queue) throw new Error('ECONNREFUSED');
        },
      },
      log,
      logger,
      'redis',
    );
    await watch.check(at(0));
    await watch.check(at(15));
    queue = true;
    await watch.check(at(30));
    expect(entries.map((entry) => entry.kind)).toEqual(['queue_unreachable', 'queue_back']);
    expect(entries[1]?.details).toMatchObject({ seconds: 30, backend: 'redis' });
  });
});

describe('SlackOutageWatch', () => {
  const serverError = Object.assign(new Error('An HTTP protocol error occurred: statusCode = 503'), {
    code: ErrorCode.HTTPError,
  });

  it('tells a Slack outage from a refusal or a rate limit', () => {
    expect(isSlackUnreachable(serverError)).toBe(true);
    expect(isSlackUnreachable({ code: ErrorCode.PlatformError, data: { error: 'internal_error' } })).toBe(
      true,
    );
    expect(isSlackUnreachable({ code: ErrorCode.PlatformError, data: { error: 'channel_not_found' } })).toBe(
      false,
    );
    expect(isSlackUnreachable({ code: ErrorCode.RateLimitedError, retryAfter: 3 })).toBe(false);
  });

  it('declares an outage after a minute of failures and records its end at the first success', () => {
    const { entries, log } = recorder();
    let now = at(0);
    const watch = new SlackOutageWatch(log, logger, { declareAfterMs: 60_000, minFailures: 3 }, () => now);
    for (const second of [0, 20, 40]) {
      now = at(second);
      watch.failed('chat.postMessage', serverError);
    }
    expect(entries).toEqual([]);
    now = at(61);
    watch.failed('chat.postMessage', serverError);
    now = at(70);
    watch.failed('chat.update', serverError);
    expect(entries.map((entry) => entry.kind)).toEqual(['slack_unreachable']);
    now = at(90);
    watch.succeeded();
    watch.succeeded();
    expect(entries.map((entry) => entry.kind)).toEqual(['slack_unreachable', 'slack_back']);
    expect(entries[1]?.details).toMatchObject({
      from: at(0).toISOString(),
      to: at(90).toISOString(),
      failures: 5,
    });
  });

  it('forgets failures a success interrupted', () => {
    const { entries, log } = recorder();
    let now = at(0);
    const watch = new SlackOutageWatch(log, logger, { declareAfterMs: 60_000, minFailures: 3 }, () => now);
    for (const second of [0, 30, 50]) {
      now = at(second);
      watch.failed('chat.postMessage', serverError);
    }
    watch.succeeded();
    for (const second of [61, 70, 80]) {
      now = at(second);
      watch.failed('chat.postMessage', serverError);
    }
    expect(entries).toEqual([]);
  });
});
