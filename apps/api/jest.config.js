const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'api', rootDir: __dirname };
