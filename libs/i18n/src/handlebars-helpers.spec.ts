import Handlebars from 'handlebars';
import { registerI18nHelpers, type I18nFrame } from './handlebars-helpers';
import type { Language } from './languages';

const tables = {
  en: {
    greeting: 'Dear {name},',
    state: { overdue: 'Overdue', reported: 'Reported' },
    late: '{count, plural, =0 {no entity is late} one {# entity is late} other {# entities are late}}',
  },
  fr: {
    greeting: 'Madame, Monsieur {name},',
    state: { overdue: 'En retard' },
    late: "{count, plural, =0 {aucune entité n'est en retard} one {# entité est en retard} other {# entités sont en retard}}",
  },
};

function render(
  source: string,
  data: object,
  lang: Language = 'en',
  noEscape = false,
  timeZone = 'UTC',
): string {
  const hb = Handlebars.create();
  registerI18nHelpers(hb);
  const strings = lang === 'fr' ? tables.fr : tables.en;
  const frame: I18nFrame = { lang, timeZone, strings, fallbackStrings: tables.en };
  return hb.compile(source, { noEscape })(data, { data: frame });
}

describe('t', () => {
  it('reads a string of the frame’s language and fills it', () => {
    expect(render('{{t "greeting" name=who}}', { who: 'Ana' }, 'fr')).toBe('Madame, Monsieur Ana,');
    expect(render('{{t "state" s}}', { s: 'overdue' }, 'fr')).toBe('En retard');
  });

  it('falls back to the fallback language for a key the language lacks', () => {
    expect(render('{{t "state" s}}', { s: 'reported' }, 'fr')).toBe('Reported');
    expect(() => render('{{t "state" s}}', { s: 'lost' }, 'fr')).toThrow(
      "no string 'state.lost' for language 'fr'",
    );
  });

  it('escapes the filled string in HTML, and not in plain text', () => {
    expect(render('{{t "greeting" name=who}}', { who: "<b>O'Neil & Co</b>" })).toBe(
      'Dear &lt;b&gt;O&#x27;Neil &amp; Co&lt;/b&gt;,',
    );
    expect(render('{{t "greeting" name=who}}', { who: "<b>O'Neil & Co</b>" }, 'en', true)).toBe(
      "Dear <b>O'Neil & Co</b>,",
    );
  });

  it('formats a string table’s ICU plural', () => {
    expect(render('{{t "late" count=n}}', { n: 0 }, 'fr', true)).toBe("aucune entité n'est en retard");
    expect(render('{{t "late" count=n}}', { n: 1 }, 'fr')).toBe('1 entité est en retard');
    expect(render('{{t "late" count=n}}', { n: 21 }, 'en')).toBe('21 entities are late');
  });
});

describe('tOr', () => {
  it('shows the last part as it is when there is no string', () => {
    expect(render('{{tOr "state" s}}', { s: 'overdue' }, 'fr')).toBe('En retard');
    expect(render('{{tOr "state" s}}', { s: 'paused' }, 'fr')).toBe('paused');
  });
});

describe('formatting helpers', () => {
  it('date: a calendar date as that day, an instant in the zone, with its time on request', () => {
    const data = { d: '2026-12-31', at: new Date('2026-11-02T15:30:00Z') };
    expect(render('{{date d}}', data, 'fr', false, 'Asia/Kabul')).toBe('31 décembre 2026');
    expect(render('{{date at}}', data, 'en', false, 'Asia/Kabul')).toBe('2 November 2026');
    expect(render('{{date at time="short"}}', data, 'en', false, 'Asia/Kabul')).toBe(
      '2 November 2026 at 20:00',
    );
    expect(() => render('{{date at time="long"}}', data)).toThrow(/unknown time format/);
  });

  it('number and percent, with a dash when there is nothing to divide', () => {
    expect(render('{{number n}}', { n: 1240 }, 'fr')).toBe('1\u202f240');
    expect(render('{{percent r}}', { r: 0.8912 })).toBe('89.1%');
    expect(render('{{percent r digits=0}}', { r: 0.8912 })).toBe('89%');
    expect(render('{{percent a b}}', { a: 1105, b: 1240 }, 'fr')).toBe('89,1\u00a0%');
    expect(render('{{percent r}}', { r: null })).toBe('—');
    expect(render('{{percent a b}}', { a: 0, b: 0 })).toBe('—');
  });

  it('plural: an ICU message with the count first', () => {
    const tpl = '{{plural n "{count, plural, one {# jour} other {# jours}}"}}';
    expect([0, 1, 2, 5, 21].map((n) => render(tpl, { n }, 'fr'))).toEqual([
      '0 jour',
      '1 jour',
      '2 jours',
      '5 jours',
      '21 jours',
    ]);
  });

  it('eq works as a block and as a sub-expression', () => {
    expect(render('{{#eq a "x"}}yes{{else}}no{{/eq}}', { a: 'x' })).toBe('yes');
    expect(render('{{#if (eq a 1)}}one{{/if}}', { a: 1 })).toBe('one');
  });
});

describe('the frame', () => {
  it('is required: the helpers say how to render', () => {
    const hb = Handlebars.create();
    registerI18nHelpers(hb);
    expect(() => hb.compile('{{t "greeting"}}')({})).toThrow(/need @lang, @timeZone and @strings/);
  });

  it('registers nothing on the global Handlebars', () => {
    registerI18nHelpers(Handlebars.create());
    expect(Handlebars.helpers['t']).toBeUndefined();
  });
});
