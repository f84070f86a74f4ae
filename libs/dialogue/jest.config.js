const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'dialogue', rootDir: __dirname };
