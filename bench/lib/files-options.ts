import { parseArgs } from 'node:util';
import { readArgs, UsageError } from './option-values';

/** Knobs of the file library benchmark: CLI flags win over environment variables, which win over defaults. */
export interface FilesBenchOptions {
  files: number;
  versions: number;
  /** Timed searches per query (Chinese, English) and per method (ours, the ILIKE scan). */
  queries: number;
  /** Size of the large upload and download, in MB; a tenth of it is the small one. */
  bigMb: number;
  backends: Array<'postgres' | 's3'>;
}

export const FILES_USAGE = `Usage: npm run bench:files -- [options]

  --files N        files seeded (BENCH_FILES, default 10000)
  --versions N     versions per file (BENCH_VERSIONS, default 3)
  --queries N      timed searches per query and method (BENCH_QUERIES, default 200)
  --big-mb N       the large upload/download in MB; the small one is a tenth (BENCH_BIG_MB, default 20)
  --backend B      postgres | s3 | both, for the upload/download phase (BENCH_BACKEND, default both)
  --help

The database server is TEST_DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/postgres):
a fresh database is created and dropped afterwards. The S3 server is s3rver on a free port.`;

function whole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

export function parseFilesOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): FilesBenchOptions | 'help' {
  const { values } = readArgs(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        files: { type: 'string' },
        versions: { type: 'string' },
        queries: { type: 'string' },
        'big-mb': { type: 'string' },
        backend: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) return 'help';
  const backend = values.backend ?? env.BENCH_BACKEND ?? 'both';
  if (!['postgres', 's3', 'both'].includes(backend))
    throw new UsageError(`backend must be postgres, s3 or both, got "${backend}"`);
  return {
    files: whole('files', values.files ?? env.BENCH_FILES, 10_000),
    versions: whole('versions', values.versions ?? env.BENCH_VERSIONS, 3),
    queries: whole('queries', values.queries ?? env.BENCH_QUERIES, 200),
    bigMb: whole('big-mb', values['big-mb'] ?? env.BENCH_BIG_MB, 20),
    backends: backend === 'both' ? ['postgres', 's3'] : [backend as 'postgres' | 's3'],
  };
}
