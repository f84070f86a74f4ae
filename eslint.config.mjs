// Module boundaries follow docs/architecture: apps → feature → (data) → domain → infra → engine; config and i18n
// are utilities anyone may use (and that use no Cascade library). The workflow engine may import no framework and
// do no I/O.
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
    files: ['**/*.spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: boundaries(testConstraints),
  },
  {
    files: ['libs/workflow/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['fs', 'node:*', 'fs/*', 'http', 'net', 'child_process'] }],
    },
  },
];
