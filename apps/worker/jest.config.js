const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'worker', rootDir: __dirname };
