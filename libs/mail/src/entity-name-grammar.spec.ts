import { loadCatalogue, MAIL_PARTS } from './template-catalogue';
import { TEMPLATES_DIR } from './templates-dir';

/*
 * An entity's name takes its own article in French and Spanish ("le Bureau", "la Oficina", "les Nations Unies"),
 * which a template cannot know: "de {{entity.name}}" would read "de Bureau de la déontologie". The mails name the
 * entity in apposition instead ("de l'entité Bureau…", "de la entidad Oficina…"), which reads right for any name.
 */
const BARE_NAME: Record<'fr' | 'es', RegExp> = {
  fr: /(?:^|[^\p{L}'’])(?:de|du|à|au|pour|par|invite|avec|sur)\s+\{\{\s*entity\.name\s*\}\}/imu,
  es: /(?:^|[^\p{L}])(?:de|del|a|al|para|en|por|con)\s+\{\{\s*entity\.name\s*\}\}/imu,
};
// A sentence that opens with the name would need its article too ("Le Bureau … n'a pas").
const OPENS_WITH_NAME = /(?:^|<p>|[.!?]\s+)\{\{\s*entity\.name\s*\}\}/mu;

const catalogue = loadCatalogue(TEMPLATES_DIR);

describe.each(['fr', 'es'] as const)('entity names in the %s mails', (lang) => {
  const parts = [...catalogue.templates].flatMap(([name, sources]) =>
    MAIL_PARTS.map((part) => ({ where: `${name}/${lang}/${part}`, text: sources.parts[lang][part] })),
  );

  it('are there to check', () => {
    expect(parts.filter(({ text }) => text.includes('entity.name')).length).toBeGreaterThan(20);
  });

  it('never follow a bare preposition, which would need the name’s own article', () => {
    expect(parts.filter(({ text }) => BARE_NAME[lang].test(text)).map(({ where }) => where)).toEqual([]);
  });

  it('never open a sentence', () => {
    expect(parts.filter(({ text }) => OPENS_WITH_NAME.test(text)).map(({ where }) => where)).toEqual([]);
  });
});
