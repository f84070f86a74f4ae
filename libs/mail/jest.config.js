const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'mail', rootDir: __dirname };
