// The one list of languages is libs/i18n's; the domain re-exports it for the entities and their callers.
export {
  FALLBACK_LANGUAGE,
  LANGUAGES,
  isLanguage,
  languageName,
  pickTranslation,
  type Language,
  type Localized,
  type Translated,
  type Translation,
} from '@cascade/i18n';
