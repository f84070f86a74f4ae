// The one list of languages is libs/i18n's; the domain re-exports it for the entities and their callers.
export { LANGUAGES, isLanguage, type Language, type Localized } from '@cascade/i18n';
