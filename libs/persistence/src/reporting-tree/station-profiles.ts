import type { Language } from '@cascade/dialogue';
import type { NameGroup } from './name-lists';

/** Relative weights (they need not add up to anything). */
export type Weights<K extends string> = Partial<Record<K, number>>;

export interface StationProfile {
  /** Who works in which language at this duty station. */
  languages: Weights<Language>;
  /** Where most locally recruited staff's names come from. */
  local: NameGroup;
}

const MOSTLY_ENGLISH: Weights<Language> = { en: 85, fr: 10, es: 5 };
const ENGLISH_AND_FRENCH: Weights<Language> = { en: 75, fr: 22, es: 3 };
const FRENCH_AND_ENGLISH: Weights<Language> = { fr: 70, en: 30 };
const SPANISH_AND_ENGLISH: Weights<Language> = { es: 65, en: 35 };
const ENGLISH_AND_ARABIC: Weights<Language> = { en: 60, ar: 40 };

/**
 * The one table of languages and names per duty station (those of libs/persistence/seed/entities.csv; any other
 * station gets DEFAULT_STATION): Arabic where it is the local language, Russian in Central Asia, and a few readers
 * of each official language at the headquarters duty stations.
 */
export const STATION_PROFILES: Record<string, StationProfile> = {
  'New York': { languages: { en: 80, fr: 8, es: 5, ar: 3, zh: 2, ru: 2 }, local: 'anglophone' },
  Geneva: { languages: { en: 50, fr: 42, ru: 4, ar: 2, zh: 2 }, local: 'francophone' },
  Vienna: { languages: { en: 80, ru: 10, fr: 7, es: 3 }, local: 'germanNordic' },
  Nairobi: { languages: { en: 80, fr: 15, es: 5 }, local: 'eastAfrican' },
  Bangkok: { languages: { en: 85, zh: 8, fr: 5, es: 2 }, local: 'southeastAsian' },
  Santiago: { languages: SPANISH_AND_ENGLISH, local: 'hispanic' },
  Bogota: { languages: SPANISH_AND_ENGLISH, local: 'hispanic' },
  'Addis Ababa': { languages: { en: 80, fr: 17, es: 3 }, local: 'eastAfrican' },
  Beirut: { languages: { ar: 45, en: 40, fr: 15 }, local: 'arabic' },
  Naqoura: { languages: ENGLISH_AND_FRENCH, local: 'arabic' },
  Amman: { languages: ENGLISH_AND_ARABIC, local: 'arabic' },
  Baghdad: { languages: ENGLISH_AND_ARABIC, local: 'arabic' },
  Jerusalem: { languages: ENGLISH_AND_ARABIC, local: 'arabic' },
  'Camp Faouar': { languages: ENGLISH_AND_ARABIC, local: 'arabic' },
  Tripoli: { languages: ENGLISH_AND_ARABIC, local: 'arabic' },
  Hudaydah: { languages: ENGLISH_AND_ARABIC, local: 'arabic' },
  Laayoune: { languages: { fr: 40, en: 30, ar: 25, es: 5 }, local: 'arabic' },
  Kinshasa: { languages: FRENCH_AND_ENGLISH, local: 'centralAfrican' },
  Bangui: { languages: FRENCH_AND_ENGLISH, local: 'centralAfrican' },
  Dakar: { languages: FRENCH_AND_ENGLISH, local: 'sahelWestAfrican' },
  'Port-au-Prince': { languages: FRENCH_AND_ENGLISH, local: 'francophone' },
  Mogadishu: { languages: MOSTLY_ENGLISH, local: 'eastAfrican' },
  Juba: { languages: MOSTLY_ENGLISH, local: 'eastAfrican' },
  Abyei: { languages: MOSTLY_ENGLISH, local: 'eastAfrican' },
  Entebbe: { languages: MOSTLY_ENGLISH, local: 'eastAfrican' },
  Kabul: { languages: MOSTLY_ENGLISH, local: 'afghanPakistani' },
  Islamabad: { languages: MOSTLY_ENGLISH, local: 'afghanPakistani' },
  Nicosia: { languages: MOSTLY_ENGLISH, local: 'southernEuropean' },
  Pristina: { languages: MOSTLY_ENGLISH, local: 'easternEuropean' },
  Brindisi: { languages: MOSTLY_ENGLISH, local: 'southernEuropean' },
  Ashgabat: { languages: { ru: 55, en: 45 }, local: 'easternEuropean' },
};

export const DEFAULT_STATION: StationProfile = { languages: MOSTLY_ENGLISH, local: 'anglophone' };

const INTERNATIONAL_ENGLISH: Weights<NameGroup> = {
  anglophone: 20,
  germanNordic: 5,
  southernEuropean: 5,
  easternEuropean: 5,
  eastAfrican: 9,
  westSouthernAfrican: 7,
  indian: 9,
  afghanPakistani: 4,
  arabic: 11,
  chinese: 5,
  japanese: 2,
  korean: 2,
  southeastAsian: 5,
  hispanic: 6,
  francophone: 3,
  sahelWestAfrican: 2,
  centralAfrican: 1,
};

/** Where the names of internationally recruited staff come from, by the language they work in. */
const INTERNATIONAL_NAMES: Partial<Record<Language, Weights<NameGroup>>> = {
  en: INTERNATIONAL_ENGLISH,
  fr: {
    francophone: 40,
    sahelWestAfrican: 18,
    centralAfrican: 17,
    arabic: 15,
    southernEuropean: 3,
    germanNordic: 2,
    anglophone: 5,
  },
  es: { hispanic: 80, southernEuropean: 10, anglophone: 10 },
};

/** A language without a row uses English's mix, the most international one. */
export function internationalNames(language: Language): Weights<NameGroup> {
  return INTERNATIONAL_NAMES[language] ?? INTERNATIONAL_ENGLISH;
}

/** One in three staff are recruited locally: their names come from the station's region. */
export const LOCAL_SHARE = 0.35;

export function stationProfile(dutyStation: string): StationProfile {
  return STATION_PROFILES[dutyStation] ?? DEFAULT_STATION;
}
