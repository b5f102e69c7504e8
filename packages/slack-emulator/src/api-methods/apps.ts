/** apps.connections.open: the one method an app-level token (`xapp-…`) is for. */
import type { ApiMethod } from './args';

const connectionsOpen: ApiMethod = (_args, ctx) => ({ ok: true, url: ctx.socketModeUrl() });

export const appMethods: Record<string, ApiMethod> = {
  'apps.connections.open': connectionsOpen,
};

/**
 * Methods that take an app-level token and refuse a bot token; every other method refuses an
 * app-level token. Slack answers both refusals with `not_allowed_token_type`.
 */
export const APP_TOKEN_METHODS: ReadonlySet<string> = new Set(Object.keys(appMethods));
