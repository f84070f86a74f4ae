import { isLanguage, LANGUAGES, type Language } from '@cascade/i18n';

// Mail speaks the languages of libs/i18n, no more and no fewer; these names stay for the callers that use them.
export const MAIL_LANGUAGES: readonly Language[] = LANGUAGES;
export type MailLanguage = Language;
export const isMailLanguage: (value: unknown) => value is MailLanguage = isLanguage;
