const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'cli', rootDir: __dirname };
