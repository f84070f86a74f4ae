const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'scheduling', rootDir: __dirname };
