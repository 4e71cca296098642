/** The fault and load suite (`npm run test:faults`, docs/reliability.md): one file at a time, apart from `npm test`. */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.faults.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  // A guard against hangs: a soak run lasts minutes by design.
  testTimeout: 900_000,
  maxWorkers: 1,
};
