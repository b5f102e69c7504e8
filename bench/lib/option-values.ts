/** What both benchmarks' option parsers share: the usage error and how values are read. */

export class UsageError extends Error {}

/** "0", "false", "no", "off" turn a flag off; anything else turns it on; empty means unset. */
export function flag(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

/** Runs node:util parseArgs, reporting its complaints as usage errors. */
export function readArgs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function queueOption(raw: string | undefined): 'redis' | 'postgres' {
  const queue = raw ?? 'redis';
  if (queue !== 'redis' && queue !== 'postgres') {
    throw new UsageError(`queue must be redis or postgres, got "${queue}"`);
  }
  return queue;
}
