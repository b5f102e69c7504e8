import type { SlackDeps } from '../deps';

/** How often a posted acknowledgement count is refreshed; how often a chase may be repeated. */
const DEFAULT_ACKS = { refreshSeconds: 5, chaseIntervalMinutes: 1440 };

/** The configured settings, or the defaults where the composition root gave none (tests). */
export const ackSettings = (deps: SlackDeps) => deps.acks ?? DEFAULT_ACKS;
