import { materialsData } from './materials-data';

const materials = {
  leadersGuide: { en: 'https://x.org/lg-en', fr: 'https://x.org/lg-fr', ar: 'https://x.org/lg-ar' },
  participantsGuide: { en: 'https://x.org/pg-en', fr: 'https://x.org/pg-fr' },
  presentation: { en: 'https://x.org/p-en' },
};

describe('materialsData', () => {
  it('links each guide in the reader’s language, else their second one, else English, naming the language used', () => {
    expect(materialsData(materials, ['ar', 'fr'])).toEqual({
      leadersGuide: 'https://x.org/lg-ar',
      leadersGuideLanguage: null,
      participantsGuide: 'https://x.org/pg-fr',
      participantsGuideLanguage: 'الفرنسية',
      presentation: 'https://x.org/p-en',
      presentationLanguage: 'الإنجليزية',
    });
  });

  it('says nothing beside a guide that is in the reader’s language', () => {
    const english = materialsData(materials, ['en', 'en']);
    expect([
      english.leadersGuideLanguage,
      english.participantsGuideLanguage,
      english.presentationLanguage,
    ]).toEqual([null, null, null]);
    expect(materialsData(materials, ['ru', 'en'])['presentationLanguage']).toBe('английский');
  });
});
