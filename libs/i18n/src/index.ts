export {
  FALLBACK_LANGUAGE,
  INTL_LOCALE,
  LANGUAGE_NAMES,
  LANGUAGES,
  TEXT_DIRECTION,
  isLanguage,
  languageName,
  pickTranslation,
  type Translated,
  type Translation,
  type Language,
  type Localized,
  type TextDirection,
} from './languages';
export {
  fallbackTable,
  findString,
  loadStringTables,
  lookupString,
  lookupWithFallback,
  readStringTables,
  stringKeys,
  type StringTable,
  type StringTables,
} from './string-table';
export {
  formatMessage,
  interpolate,
  isIcuMessage,
  messageArguments,
  missingPluralForms,
  pluralCategories,
  type MessageValues,
} from './messages';
export {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  isCalendarDate,
  toNumber,
  type DateOptions,
  type DateStyle,
} from './formatters';
export {
  I18N_HELPER_NAMES,
  registerI18nHelpers,
  splitArgs,
  type HelperFn,
  type I18nFrame,
} from './handlebars-helpers';
