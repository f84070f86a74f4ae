const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'portal', rootDir: __dirname };
