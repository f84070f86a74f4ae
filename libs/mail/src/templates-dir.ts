import path from 'node:path';

/**
 * The templates shipped with this library: `../templates` next to this module's folder. That is
 * `libs/mail/templates` when running from source (ts-jest, tsx) and `dist/libs/mail/templates` when running the
 * `tsc` output in dist/, which is why the build copies `libs/mail/templates` there. MAIL_TEMPLATES_DIR
 * (config.mail.templatesDir) points elsewhere.
 */
export const TEMPLATES_DIR = path.resolve(__dirname, '../templates');
