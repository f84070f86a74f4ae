const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'config', rootDir: __dirname };
