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

/**
 * The one table of languages and names per duty station (those of libs/persistence/seed/entities.csv; any other
 * station gets DEFAULT_STATION). When a language joins the list (ar, zh, ru), giving it weights here is the edit.
 */
export const STATION_PROFILES: Record<string, StationProfile> = {
  'New York': { languages: MOSTLY_ENGLISH, local: 'anglophone' },
  Geneva: { languages: { en: 55, fr: 45 }, local: 'francophone' },
  Vienna: { languages: MOSTLY_ENGLISH, local: 'germanNordic' },
  Nairobi: { languages: { en: 80, fr: 15, es: 5 }, local: 'eastAfrican' },
  Bangkok: { languages: MOSTLY_ENGLISH, local: 'southeastAsian' },
  Santiago: { languages: SPANISH_AND_ENGLISH, local: 'hispanic' },
  Bogota: { languages: SPANISH_AND_ENGLISH, local: 'hispanic' },
  'Addis Ababa': { languages: { en: 80, fr: 17, es: 3 }, local: 'eastAfrican' },
  Beirut: { languages: ENGLISH_AND_FRENCH, local: 'arabic' },
  Naqoura: { languages: ENGLISH_AND_FRENCH, local: 'arabic' },
  Amman: { languages: MOSTLY_ENGLISH, local: 'arabic' },
  Baghdad: { languages: MOSTLY_ENGLISH, local: 'arabic' },
  Jerusalem: { languages: MOSTLY_ENGLISH, local: 'arabic' },
  'Camp Faouar': { languages: MOSTLY_ENGLISH, local: 'arabic' },
  Tripoli: { languages: MOSTLY_ENGLISH, local: 'arabic' },
  Hudaydah: { languages: MOSTLY_ENGLISH, local: 'arabic' },
  Laayoune: { languages: { fr: 50, en: 40, es: 10 }, local: 'arabic' },
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
  Ashgabat: { languages: MOSTLY_ENGLISH, local: 'easternEuropean' },
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
