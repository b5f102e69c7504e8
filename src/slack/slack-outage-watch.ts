import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import type { MaintenanceLog } from '../domain/maintenance/maintenance-log.service';
import type { Logger } from '../logger';

/**
 * A Slack outage as the app sees it: Web API calls failing with a 5xx, a timeout or no connection
 * (or Slack's own `internal_error`, `fatal_error`, `service_unavailable`), with no success in
 * between, for at least `declareAfterMs` and `minFailures` calls. The outage is logged once when it
 * is declared and once when the first call succeeds again (with its start and end); single
 * failures are the couriers' retries' business, not the maintenance log's. A refusal of one call
 * (not_in_channel…) or a 429 says Slack is there.
 */

const SLACK_SIDE_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export function isSlackUnreachable(error: unknown): boolean {
  const failure = error as { code?: unknown; data?: { error?: unknown } };
  if (failure.code === ErrorCode.RateLimitedError) return false;
  if (failure.code === ErrorCode.PlatformError) return SLACK_SIDE_ERRORS.has(String(failure.data?.error));
  return true;
}

export class SlackOutageWatch {
  private firstFailureAt: Date | undefined;
  private failures = 0;
  private lastError = '';
  private outageSince: Date | undefined;

  constructor(
    private readonly log: Pick<MaintenanceLog, 'record'>,
    private readonly logger: Logger,
    private readonly options = { declareAfterMs: 60_000, minFailures: 3 },
    private readonly now = () => new Date(),
  ) {}

  failed(method: string, error: unknown): void {
    const now = this.now();
    this.firstFailureAt ??= now;
    this.failures += 1;
    this.lastError = `${method}: ${error instanceof Error ? error.message : String(error)}`;
    if (this.outageSince) return;
    const lasted = now.getTime() - this.firstFailureAt.getTime();
    if (lasted < this.options.declareAfterMs || this.failures < this.options.minFailures) return;
    this.outageSince = this.firstFailureAt;
    this.logger.error({ since: this.outageSince, failures: this.failures }, 'Slack unreachable');
    void this.log.record({
      kind: 'slack_unreachable',
      summary: `Slack calls failing since ${this.outageSince.toISOString()} (${this.failures} failed calls; last: ${this.lastError})`,
      details: { since: this.outageSince.toISOString(), failures: this.failures, lastError: this.lastError },
      requestId: null,
    });
  }

  succeeded(): void {
    if (this.outageSince) {
      const since = this.outageSince;
      const to = this.now();
      const seconds = Math.round((to.getTime() - since.getTime()) / 1000);
      this.logger.info({ since, seconds }, 'Slack reachable again');
      void this.log.record({
        kind: 'slack_back',
        summary: `Slack reachable again after ${seconds} s (${this.failures} failed calls)`,
        details: { from: since.toISOString(), to: to.toISOString(), seconds, failures: this.failures },
        requestId: null,
      });
    }
    this.firstFailureAt = undefined;
    this.outageSince = undefined;
    this.failures = 0;
  }
}

/** A Web API client whose every call (Bolt's, the couriers') tells the watch how Slack is. */
export function watchedWebClient(
  token: string,
  options: WebClientOptions,
  watch: SlackOutageWatch,
): WebClient {
  class WatchedWebClient extends WebClient {
    override async apiCall(method: string, callOptions?: Record<string, unknown>) {
      try {
        const result = await super.apiCall(method, callOptions);
        watch.succeeded();
        return result;
      } catch (error) {
        if (isSlackUnreachable(error)) watch.failed(method, error);
        else if ((error as { code?: unknown }).code !== ErrorCode.RateLimitedError) watch.succeeded();
        throw error;
      }
    }
  }
  return new WatchedWebClient(token, options);
}
