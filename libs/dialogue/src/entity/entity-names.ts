import { LANGUAGES, type Language } from '../shared/languages';

/** The languages an entity's name may be given in besides English (its `name`, the fallback): every other official one. */
export type NameLanguage = Exclude<Language, 'en'>;
export const NAME_LANGUAGES = LANGUAGES.filter((l): l is NameLanguage => l !== 'en');

/** The entity's official names in the other languages, as the UN writes them; a language left out has none. */
export type EntityNames = Partial<Record<NameLanguage, string>>;

/** The CSV column (and the field) of a name in another language: `name_fr`. */
export const nameColumn = (language: NameLanguage): string => `name_${language}`;

/**
 * The name a reader of `language` reads: the entity's official name in that language when it has one, else the
 * English name. Pages and mails read entity names only through this.
 */
export function entityNameIn(
  entity: { name: string; names?: EntityNames | null },
  language: Language,
): string {
  if (language === 'en') return entity.name;
  const name = entity.names?.[language];
  return typeof name === 'string' && name.trim() !== '' ? name : entity.name;
}
