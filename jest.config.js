/** One jest run over every package; TypeScript via SWC with decorator metadata (type-graphql and MikroORM need it). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  // Tests run the sources; the packages' dist is only for `pnpm start`.
  moduleNameMapper: {
    '^@carebook/platform$': '<rootDir>/packages/platform/src/index.ts',
    '^@carebook/platform/testing$': '<rootDir>/packages/platform/src/testing/index.ts',
    '^@carebook/clients$': '<rootDir>/clients/index.js',
    '^@carebook/sdk$': '<rootDir>/clients/sdk/src/index.ts',
  },
  testMatch: ['<rootDir>/{packages,subgraphs,gateway,clients}/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30000,
  // Two workers on the two-core machine: a suite's processes use about one core on average (requests pass
  // through them one after another, and the reminder and after-visit suites mostly wait), so two suites at
  // once take ~355 s where one at a time took ~890 s (measured: jest's own figure, 126 suites).
  maxWorkers: 2,
  setupFiles: ['reflect-metadata'],
  // The end-to-end stacks' gateways log every operation they serve; once every suite has run, the
  // client contract's operations must all be among them (clients/test/served-operations.ts).
  globalSetup: '<rootDir>/clients/test/operation-log.setup.ts',
  globalTeardown: '<rootDir>/clients/test/operation-log.teardown.ts',
};
