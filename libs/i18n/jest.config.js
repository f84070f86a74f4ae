const preset = require('../../libs/testing/jest.preset.js');

module.exports = { ...preset, displayName: 'i18n', rootDir: __dirname };
