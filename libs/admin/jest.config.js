const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'admin', rootDir: __dirname };
