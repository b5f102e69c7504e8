import { ConfigError, formatConfigError, parseConfig } from '../../src/config';

const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig', () => {
  it('runs in local mode with embedded defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config.slack).toEqual({ kind: 'local' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.defaultLocale).toBe('en');
    expect(config.defaultTimezone).toBe('Asia/Taipei');
    expect(config.bootstrapAdmins).toEqual([]);
  });

  it('binds loopback in local mode and every interface with Slack credentials (issue 13 item 22)', () => {
    expect(parseConfig({}).host).toBe('127.0.0.1');
    const http = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123' };
    expect(parseConfig(http).host).toBe('0.0.0.0');
    expect(parseConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(parseConfig({ ...http, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('chooses Socket Mode with an app token and a bot token', () => {
    const config = parseConfig({ SLACK_APP_TOKEN: 'xapp-1-abc', SLACK_BOT_TOKEN: 'xoxb-123' });
    expect(config.slack).toEqual({
      kind: 'socket',
      appToken: 'xapp-1-abc',
      botToken: 'xoxb-123',
      apiUrl: undefined,
    });
  });

  it('chooses HTTP mode with a signing secret and a bot token, honouring SLACK_API_URL', () => {
    const config = parseConfig({
      SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
      SLACK_BOT_TOKEN: 'xoxb-123',
      SLACK_API_URL: 'https://slack.example.gov/api/',
    });
    expect(config.slack).toMatchObject({ kind: 'http', apiUrl: 'https://slack.example.gov/api/' });
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });

  it('parses BOOTSTRAP_ADMINS as a list', () => {
    expect(parseConfig({ BOOTSTRAP_ADMINS: 'U0123ABCD, W0456EFGH' }).bootstrapAdmins).toEqual([
      'U0123ABCD',
      'W0456EFGH',
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a number'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a URL starting with postgres: or postgresql:'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a URL starting with redis: or rediss:'],
    [
      { SLACK_BOT_TOKEN: 'xoxp-user', SLACK_APP_TOKEN: 'xapp-1' },
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
    ],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN is required with SLACK_APP_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_BOT_TOKEN needs SLACK_APP_TOKEN'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE must be one of en, zh-TW'],
    [{ DEFAULT_TIMEZONE: 'Mars/Olympus' }, 'DEFAULT_TIMEZONE must be an IANA time zone'],
    [{ BOOTSTRAP_ADMINS: 'alice' }, 'BOOTSTRAP_ADMINS must be comma-separated Slack user ids'],
    [{ FILES_MAX_MB: '0' }, 'FILES_MAX_MB must be a number of megabytes above 0'],
    [{ FILES_MAX_PER_UPLOAD: '11' }, 'FILES_MAX_PER_UPLOAD must be a whole number from 1 to 10'],
    [{ FILES_TYPES: 'pdf,exe' }, 'FILES_TYPES must be a comma-separated list of file types from pdf'],
    [{ CLAMD_URL: 'http://clamav:3310' }, 'CLAMD_URL must be a URL starting with tcp:'],
    [{ FILES_S3_URL: 'http://127.0.0.1:9000' }, 'FILES_S3_BUCKET is required with FILES_S3_URL'],
  ])('rejects %j naming the variable', (env, expected) => {
    expect(problemsOf(env).join('; ')).toContain(expected);
  });

  it('keeps file contents in PostgreSQL with 50 MB and every known type unless told otherwise', () => {
    const { files } = parseConfig({ DATA_DIR: '/srv/gongwu' });
    expect(files).toMatchObject({
      maxBytes: 50 * 1024 * 1024,
      maxPerUpload: 5,
      clamdUrl: undefined,
      s3: undefined,
    });
    expect(files.allowed).toContain('pdf');
    expect(files.spoolDir).toBe('/srv/gongwu/spool');
    const s3 = parseConfig({
      FILES_MAX_MB: '2.5',
      FILES_TYPES: 'PDF, docx',
      FILES_S3_URL: 'http://127.0.0.1:9000',
      FILES_S3_BUCKET: 'library',
      FILES_S3_ACCESS_KEY_ID: 'id',
      FILES_S3_SECRET_ACCESS_KEY: 'secret',
    }).files;
    expect(s3).toMatchObject({ maxBytes: 2621440, allowed: ['pdf', 'docx'] });
    expect(s3.s3).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'library',
      prefix: 'gongwu/',
      forcePathStyle: true,
    });
  });

  it('lists every bad variable in one line', () => {
    const error = new ConfigError(problemsOf({ PORT: 'x', DEFAULT_LOCALE: 'fr' }));
    const line = formatConfigError(error);
    expect(line).not.toContain('\n');
    expect(line).toContain('PORT');
    expect(line).toContain('DEFAULT_LOCALE');
  });
});
