/** Jest in ESM mode (stack-notes §2): swc transforms TypeScript with legacy decorators and metadata. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@regledger/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@regledger/([a-z-]+)/([a-z-]+)$': '<rootDir>/libs/$1/src/$2/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test,bench}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/fixtures/', '/test/faults/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  // A guard against hangs, not a speed goal: e2e hooks start a whole engine and drive many commands.
  testTimeout: 120_000,
  maxWorkers: 2,
};
