import { pageLanguage } from './portal-pages';

describe('the pages’ language', () => {
  it('chooses the page language: ?lang=, then Accept-Language, then the person’s', () => {
    expect(pageLanguage('es', 'fr', 'en')).toBe('es');
    expect(pageLanguage('de', undefined, 'fr')).toBe('fr');
    expect(pageLanguage(undefined, 'de-DE,es;q=0.8,fr;q=0.9', 'en')).toBe('fr');
    expect(pageLanguage(undefined, 'de-DE', 'en')).toBe('en');
  });
});
