// Module boundaries follow docs/architecture.md, with Nx project tags:
//   type:app      apps/api, apps/worker, apps/cli
//   type:feature  libs/admin (the console), libs/portal (token-link pages): a feature never imports another one
//   type:data     libs/persistence (ORM options, migrations, seeders)
//   type:domain   libs/dialogue (entities, services, timers, query services)
//   type:infra    libs/scheduling (queues, outbox, after-commit hook), libs/mail (templates, SMTP)
//   type:engine   libs/workflow: plain TypeScript, no framework and no I/O
//   type:util     libs/config, libs/clock, libs/i18n: anyone may use them; they use no Cascade library
// Each layer may depend only on the layers below it; tests may also use libs/testing.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const frameworks = [
  '@nestjs/*', '@mikro-orm/*', 'bullmq', 'ioredis', 'express', 'nodemailer', 'handlebars',
  'adminjs', '@adminjs/*', 'class-validator', 'class-transformer', 'reflect-metadata',
];

const productionConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:domain', 'type:infra', 'type:engine', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:engine', 'type:util'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:engine', 'type:util'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:infra', 'type:engine', 'type:util'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:engine', 'type:util'] },
  { sourceTag: 'type:engine', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworks },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:util'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data', 'type:domain', 'type:infra', 'type:engine', 'type:util'] },
];

// Tests may also use the shared helpers of libs/testing.
const testConstraints = productionConstraints.map((c) =>
  c.sourceTag === 'type:engine' ? c : { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] },
);

const boundaries = (depConstraints) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    { enforceBuildableLibDependency: false, allow: [], depConstraints },
  ],
});

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '**/migrations/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      ...boundaries(productionConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts', 'libs/*/src/testing/**/*.ts'],
    rules: boundaries(testConstraints),
  },
  // Small modules: no production file over 350 lines, no function over 80 (tests are exempt).
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'max-lines': ['error', { max: 350, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  // Every CSV export writes through writeCsv, which neutralises cells that a spreadsheet would run as formulas.
  {
    files: ['**/*.ts'],
    ignores: ['libs/dialogue/src/shared/csv-export.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['csv-stringify', 'csv-stringify/*'],
              message: 'Write CSV exports with writeCsv from @cascade/dialogue: it neutralises formulas.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/workflow/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['fs', 'node:*', 'fs/*', 'http', 'net', 'child_process', 'csv-stringify', 'csv-stringify/*'] }],
    },
  },
];
