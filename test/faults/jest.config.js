const preset = require('../../libs/testing/jest.preset.js');

// Fault-injection cases: each starts the built processes and services of its own and breaks them. Not part of
// `npm test`; run with `npm run test:faults`.
module.exports = {
  ...preset,
  displayName: 'faults',
  rootDir: __dirname,
  testMatch: ['**/*.faults.spec.ts'],
  testTimeout: 600000,
};
