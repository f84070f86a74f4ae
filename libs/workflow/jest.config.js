const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'workflow', rootDir: __dirname };
