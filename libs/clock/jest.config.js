const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'clock', rootDir: __dirname };
