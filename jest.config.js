/**
 * Two projects, told apart by file name: `*.e2e.test.ts` spawns processes (node, git, kubectl, npm,
 * tsc, jest) or renders a whole fleet; every other `*.test.ts` is a fast in-process unit test.
 * `npm test` runs both; `npm run test:unit` runs only the unit project, the quick inner loop.
 * Type checking runs once in `npm run typecheck`; ts-jest only transpiles, which keeps the suite fast.
 */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/test/matchers/network.ts'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'] },
    { ...common, displayName: 'e2e', testMatch: ['**/*.e2e.test.ts'] },
  ],
};
