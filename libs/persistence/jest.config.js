const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'persistence', rootDir: __dirname };
