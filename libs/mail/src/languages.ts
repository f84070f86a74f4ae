export const MAIL_LANGUAGES = ['en', 'fr', 'es'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export function isMailLanguage(value: unknown): value is MailLanguage {
  return typeof value === 'string' && (MAIL_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The Intl locale per language. English uses en-GB because the Organisation writes dates day-first
 * ("31 December 2027"), as its own documents do.
 */
export const INTL_LOCALE: Record<MailLanguage, string> = { en: 'en-GB', fr: 'fr', es: 'es' };
