const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'testing', rootDir: __dirname };
