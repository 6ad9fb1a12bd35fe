// Unit tests sit beside their code (x.test.ts); integration tests that start real
// processes live in test/ (x.int.test.ts). Both run under @swc/jest with decorator
// metadata on, because type-graphql reads parameter types from it.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/generated/', '/.patientgraph/'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  // Integration suites spend much of their time waiting on the processes they
  // start; two workers keep both cores busy (jest's default on 2 cores is one).
  maxWorkers: 2,
};
