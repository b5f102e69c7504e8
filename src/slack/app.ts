import { App, type CustomRoute, HTTPReceiver } from '@slack/bolt';
import { newRequestId, withRequestId } from '../logger';
import { boltLogger } from './bolt-logger';
import type { SlackDeps } from './deps';
import { registerListeners } from './listeners';
import { slackUserOf, withActor } from './refusal-counter';
import { guardSlackRequests, SLACK_BODY_LIMIT_BYTES } from './request-guard';

/**
 * Builds the Bolt app in one of two transports. Local mode is HTTP mode pointed at the
 * workspace emulator, so the product code never knows which one it talks to.
 */
export type SlackTransport =
  | { kind: 'http'; botToken: string; signingSecret: string; apiUrl?: string | undefined }
  | { kind: 'socket'; botToken: string; appToken: string; apiUrl?: string | undefined };

export interface SlackAppOptions {
  transport: SlackTransport;
  /** Port of the HTTP server (events endpoint in HTTP mode, health routes in both). */
  port: number;
  routes: CustomRoute[];
  deps: SlackDeps;
  /** Told of every Slack delivery as it starts; the function it returns, of how it ended (metrics). */
  observe?: (body: unknown) => (outcome: 'ok' | 'error') => void;
}

export function createSlackApp(options: SlackAppOptions): { app: App; receiver: HTTPReceiver | undefined } {
  const { transport, port, routes, deps, observe } = options;
  const logger = boltLogger(deps.logger);
  const clientOptions = transport.apiUrl ? { slackApiUrl: transport.apiUrl } : {};
  // convoStore: false — nothing here uses context.conversation; Bolt's default in-memory store is
  // a middleware on every request that builds an Error (with its stack) for each unknown conversation.
  let app: App;
  let receiver: HTTPReceiver | undefined;
  if (transport.kind === 'http') {
    receiver = new HTTPReceiver({
      signingSecret: transport.signingSecret,
      endpoints: '/slack/events',
      customRoutes: routes,
      logger,
      port,
      // The guard below refuses larger bodies first; this is Bolt's own backstop at the same size.
      bodyLimit: SLACK_BODY_LIMIT_BYTES,
      // A signed request no listener acknowledges (an unknown type) is answered before Slack's 3 s.
      unhandledRequestTimeoutMillis: 2_500,
    });
    receiver.requestListener = guardSlackRequests(receiver.requestListener, {
      endpoint: '/slack/events',
      signingSecret: transport.signingSecret,
      logger: deps.logger,
      onRefused: (reason) =>
        void deps.refusals
          ?.record(reason, null)
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'refused request not counted')),
    });
    app = new App({
      token: transport.botToken,
      receiver,
      logger,
      clientOptions,
      deferInitialization: true,
      convoStore: false,
    });
  } else {
    app = new App({
      token: transport.botToken,
      appToken: transport.appToken,
      socketMode: true,
      customRoutes: routes,
      // Its own copy: the socket client writes its retry policy into the options it is given,
      // which would otherwise leak 100 retries into every WebClient Bolt builds for listeners.
      installerOptions: { port, clientOptions: { ...clientOptions } },
      logger,
      clientOptions,
      deferInitialization: true,
      convoStore: false,
    });
  }

  // One request id per Slack interaction, carried by every log line it causes, and the Slack user
  // id a refusal is counted under (refusal-counter.ts); one global middleware for them and the
  // metrics (each Bolt middleware costs a copy of the arguments).
  app.use(async ({ next, body }) => {
    const requestId = newRequestId();
    const started = Date.now();
    const ended = observe?.(body);
    await withRequestId(requestId, () =>
      withActor(slackUserOf(body), async () => {
        const kind =
          (body as { type?: string; command?: string }).command ?? (body as { type?: string }).type;
        deps.logger.debug({ kind }, 'slack interaction received');
        try {
          await next();
        } catch (error) {
          ended?.('error');
          throw error;
        }
        ended?.('ok');
        deps.logger.info({ kind, ms: Date.now() - started }, 'slack interaction handled');
      }),
    );
  });

  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });

  registerListeners(app, deps);
  return { app, receiver };
}
