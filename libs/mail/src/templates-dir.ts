import path from 'node:path';

/**
 * Where the templates are: `MAIL_TEMPLATES_DIR` when set, otherwise `../templates` next to this module's
 * folder. That is `libs/mail/templates` when running from source (ts-jest, tsx) and
 * `dist/libs/mail/templates` when running the `tsc` output in dist/, which is why the build copies
 * `libs/mail/templates` there.
 */
export function resolveTemplatesDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['MAIL_TEMPLATES_DIR'];
  if (override && override.trim() !== '') return path.resolve(override);
  return path.resolve(__dirname, '../templates');
}

export const TEMPLATES_DIR = resolveTemplatesDir();
