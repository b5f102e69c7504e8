import { Writable } from 'node:stream';
import { createLogger, maskSecrets, withRequestId } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('debug', stream) };
}

describe('logger', () => {
  it('never prints tokens or signing secrets', () => {
    const { lines, logger } = capture();
    logger.info(
      { token: 'xoxb-1-secret', nested: { signingSecret: 'abc123' } },
      'calling with xoxb-123-456-abc',
    );
    logger.error({ err: new Error('auth failed for xapp-1-A0-secret') }, 'boom');
    const output = lines.join('');
    expect(output).not.toMatch(/xoxb-1-secret|xoxb-123-456-abc|abc123|xapp-1-A0-secret/);
    expect(output).toContain('[redacted]');
  });

  it('masks passwords inside URLs', () => {
    expect(maskSecrets('postgres://app:hunter2@db:5432/x')).toBe('postgres://app:[redacted]@db:5432/x');
  });

  it('adds the request id of the interaction to every line', () => {
    const { lines, logger } = capture();
    withRequestId('req-42', () => logger.info('inside'));
    logger.info('outside');
    expect(JSON.parse(lines[0]!).requestId).toBe('req-42');
    expect(JSON.parse(lines[1]!).requestId).toBeUndefined();
  });
});
