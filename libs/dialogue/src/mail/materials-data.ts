import { languageName, pickTranslation, type Language } from '../shared/languages';
import type { Materials } from '../dialogue/dialogue.entity';

const MATERIALS = ['leadersGuide', 'participantsGuide', 'presentation'] as const;

/**
 * The year's guides for one reader: each in the first of `preferences` it exists in, else English. Where a guide
 * is not in the reader's own language, `<guide>Language` names the one it is in (in the reader's language), so
 * that the mail says so beside the link; null otherwise.
 */
export function materialsData(
  materials: Materials,
  preferences: readonly Language[],
): Record<string, string | null> {
  const reader = preferences[0] ?? 'en';
  const data: Record<string, string | null> = {};
  for (const material of MATERIALS) {
    const { value, language } = pickTranslation(materials[material], preferences);
    data[material] = value;
    data[`${material}Language`] = language === reader ? null : languageName(language, reader);
  }
  return data;
}
