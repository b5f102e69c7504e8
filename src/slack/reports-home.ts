import type { KnownBlock } from '@slack/types';
import type { Reports } from '../domain/supervision/report.service';
import { ReportError } from '../domain/supervision/report.service';
import type { Logger } from '../logger';
import type { UserContext } from './user-context';
import { reportsHomeSection } from './views/reports/reports-home.view';

/** A Home is published on every change that concerns its owner; the month's figures may wait this long. */
const FRESH_MS = 5 * 60_000;
const MAX_CACHED = 500;
const cache = new Map<string, { at: number; blocks: KnownBlock[] }>();

/**
 * The Home's Reports section (heads, supervisors, admins): this month's report as the reader may
 * see it, kept a few minutes per person so a busy Home does not recompute the organisation's
 * figures on every refresh. Nothing for everyone else, and nothing (logged) if it fails: the
 * rest of the Home is not held up by a report.
 */
export async function reportsHomeBlocks(
  deps: { reports?: Reports | undefined; logger: Pick<Logger, 'warn'> },
  slackUserId: string,
  ctx: UserContext,
  now = Date.now(),
): Promise<KnownBlock[]> {
  if (!deps.reports) return [];
  const key = `${slackUserId}:${ctx.locale}`;
  const cached = cache.get(key);
  if (cached && now - cached.at < FRESH_MS) return cached.blocks;
  let blocks: KnownBlock[] = [];
  try {
    blocks = reportsHomeSection(ctx.t, ctx.locale, await deps.reports.report(slackUserId));
  } catch (error) {
    if (!(error instanceof ReportError)) deps.logger.warn({ err: error }, 'Home reports section left out');
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now, blocks });
  return blocks;
}
