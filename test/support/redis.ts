/**
 * Redis for tests comes from TEST_REDIS_URL (default the local server). In CI (CI=true) a missing
 * Redis fails the run; elsewhere too, because a skipped backend would pass off as green.
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
