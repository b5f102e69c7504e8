/**
 * Type checking is `npm run typecheck`'s job; ts-jest only transpiles so the suite starts fast.
 * The workspace packages' own tests run here too, so `npm test` runs everything.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/packages/slack-emulator/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  maxWorkers: 2,
};
