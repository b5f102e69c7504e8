import { ConfigError, formatConfigError } from '../config';

/**
 * How every operator command ends: a configuration problem as the one line that names the
 * variable, a refusal (`refused` says which errors are) as "<what> refused: …", anything else as
 * "<what> failed: …", with exit code 1. A command sets `process.exitCode` itself for results such
 * as a broken audit chain.
 */
export function runCli(
  what: string,
  run: () => Promise<void>,
  refused: (error: unknown) => boolean = () => false,
): void {
  run().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ConfigError) process.stderr.write(`${formatConfigError(error)}\n`);
    else if (refused(error)) process.stderr.write(`${what} refused: ${message}\n`);
    else process.stderr.write(`${what} failed: ${message}\n`);
    process.exit(1);
  });
}
