const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'e2e', rootDir: __dirname, testTimeout: 120000 };
