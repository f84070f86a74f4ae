import Handlebars from 'handlebars';
import { registerHelpers, type MailFrame } from './helpers';
import type { MailLanguage } from './languages';

const strings = {
  greeting: 'Dear {name},',
  state: { overdue: 'Overdue' },
};

function render(
  source: string,
  data: object,
  lang: MailLanguage = 'en',
  timeZone = 'UTC',
  { strict = true, noEscape = false } = {},
): string {
  const hb = Handlebars.create();
  registerHelpers(hb, { strict });
  const frame: MailFrame = { lang, timeZone, strings, dir: 'ltr', start: 'left', end: 'right' };
  return hb.compile(source, { strict, noEscape, trackIds: strict } as never)(data, { data: frame });
}

describe('date', () => {
  const instant = '2027-01-31T23:30:00Z';

  it('shows an instant as the day it is in the recipient’s zone', () => {
    expect(render('{{date at}}', { at: instant }, 'en', 'Asia/Kabul')).toBe('1 February 2027');
    expect(render('{{date at}}', { at: instant }, 'en', 'America/New_York')).toBe('31 January 2027');
    expect(render('{{date at}}', { at: new Date(instant) }, 'fr', 'Asia/Kabul')).toBe('1 février 2027');
    expect(render('{{date at}}', { at: instant }, 'es', 'America/New_York')).toBe('31 de enero de 2027');
  });

  it('keeps a calendar date on its day whatever the zone', () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      expect(render('{{date d}}', { d: '2027-12-31' }, 'en', zone)).toBe('31 December 2027');
    }
    expect(render('{{date d}}', { d: '2027-12-31' }, 'fr', 'Asia/Tokyo')).toBe('31 décembre 2027');
  });

  it('offers a full style with the weekday', () => {
    expect(render('{{date d format="full"}}', { d: '2027-12-31' }, 'en')).toMatch(
      /^Friday,? 31 December 2027$/,
    );
  });

  it('refuses what is not a date', () => {
    expect(() => render('{{date d}}', { d: '31/12/2027' })).toThrow(/not a date/);
    expect(() => render('{{date d}}', { d: '2027-02-30' })).toThrow(/not a date/);
  });
});

describe('datetime', () => {
  it('shows day, time and zone offset in the recipient’s zone', () => {
    const at = '2027-01-31T23:30:00Z';
    expect(render('{{datetime at}}', { at }, 'en', 'Asia/Kabul')).toBe('1 February 2027 at 04:00 GMT+4:30');
    expect(render('{{datetime at}}', { at }, 'fr', 'America/New_York')).toBe('31 janvier 2027 à 18:30 UTC−5');
  });

  it('refuses a calendar date, which has no time of day', () => {
    expect(() => render('{{datetime d}}', { d: '2027-12-31' })).toThrow(/no time of day/);
  });
});

describe('number and percent', () => {
  it('groups digits the way each language does', () => {
    expect(render('{{number n}}', { n: 12345 }, 'en')).toBe('12,345');
    expect(render('{{number n}}', { n: 12345 }, 'fr')).toBe('12\u202f345');
    expect(render('{{number n}}', { n: 12345 }, 'es')).toBe('12.345');
  });

  it('formats a ratio, or a part of a whole, as a percentage', () => {
    expect(render('{{percent r}}', { r: 0.5 }, 'en')).toBe('50%');
    expect(render('{{percent a b}}', { a: 1105, b: 1240 }, 'en')).toBe('89.1%');
    expect(render('{{percent a b}}', { a: 1105, b: 1240 }, 'fr')).toBe('89,1\u00a0%');
    expect(render('{{percent a b digits=0}}', { a: 1105, b: 1240 }, 'es')).toBe('89\u00a0%');
  });

  it('shows a dash rather than dividing by zero', () => {
    expect(render('{{percent a b}}', { a: 0, b: 0 })).toBe('—');
  });
});

describe('plural', () => {
  const days = {
    en: '{{plural n "{count, plural, one {# day} other {# days}}"}}',
    fr: '{{plural n "{count, plural, one {# jour} other {# jours}}"}}',
    es: '{{plural n "{count, plural, one {# día} other {# días}}"}}',
  } as const;

  it.each([
    ['en', 1, '1 day'],
    ['en', 2, '2 days'],
    ['en', 0, '0 days'],
    ['fr', 1, '1 jour'],
    ['fr', 2, '2 jours'],
    ['fr', 0, '0 jour'], // French counts 0 with the singular
    ['es', 1, '1 día'],
    ['es', 2, '2 días'],
    ['es', 1000, '1000 días'],
  ] as const)('%s %d → %s', (lang, n, expected) => {
    expect(render(days[lang], { n }, lang)).toBe(expected);
  });

  it('uses =0 for exactly 0 when given', () => {
    const items = '{{plural n "{count, plural, =0 {none} one {# item} other {# items}}"}}';
    expect(render(items, { n: 0 })).toBe('none');
    expect(render(items, { n: 1 })).toBe('1 item');
  });

  it('keeps an apostrophe of the prose, and escapes the result in HTML only', () => {
    const late = '{{plural n "{count, plural, =0 {aucune n\'est en retard} other {# en retard}}"}}';
    expect(render(late, { n: 0 }, 'fr')).toBe('aucune n&#x27;est en retard');
    expect(render(late, { n: 0 }, 'fr', 'UTC', { noEscape: true })).toBe("aucune n'est en retard");
  });

  it('refuses an unknown form, a missing other and a message that is not given', () => {
    expect(() => render('{{plural n "{count, plural, one {x} oter {y} other {z}}"}}', { n: 2 })).toThrow(
      /unknown plural form 'oter'/,
    );
    expect(() => render('{{plural n "{count, plural, one {x}}"}}', { n: 2 })).toThrow(/MISSING_OTHER_CLAUSE/);
    expect(() => render('{{plural n}}', { n: 2 })).toThrow(/ICU message after the count/);
  });
});

describe('t', () => {
  it('reads the recipient language’s string and fills its placeholders', () => {
    expect(render('{{t "greeting" name=who}}', { who: 'Ana' })).toBe('Dear Ana,');
  });

  it('joins positional parts into a key', () => {
    expect(render('{{t "state" s}}', { s: 'overdue' })).toBe('Overdue');
  });

  it('names a missing key and a missing placeholder', () => {
    expect(() => render('{{t "state" s}}', { s: 'lost' })).toThrow(
      /no string 'state.lost' for language 'en'/,
    );
    expect(() => render('{{t "greeting"}}', {})).toThrow(/placeholder \{name\}/);
  });

  it('is escaped in HTML like any other value', () => {
    expect(render('{{t "greeting" name=who}}', { who: '<b>' })).toBe('Dear &lt;b&gt;,');
  });
});

describe('url', () => {
  it('lets web and mailto links through, escaped in HTML', () => {
    expect(render('<a href="{{url u}}">', { u: 'https://x.org/a?b=1&c=2' })).toBe(
      '<a href="https://x.org/a?b&#x3D;1&amp;c&#x3D;2">',
    );
    expect(render('{{url u}}', { u: 'mailto:a@b.org' }, 'en', 'UTC', { noEscape: true })).toBe(
      'mailto:a@b.org',
    );
  });

  it('refuses any other scheme', () => {
    expect(() => render('{{url u}}', { u: 'javascript:alert(1)' })).toThrow(/refusing link/);
    expect(() => render('{{url u}}', { u: 'data:text/html,x' })).toThrow(/refusing link/);
  });
});

describe('eq', () => {
  it('works as a block and as a sub-expression', () => {
    const block = '{{#eq role "head"}}H{{else}}F{{/eq}}';
    expect(render(block, { role: 'head' })).toBe('H');
    expect(render(block, { role: 'fp' })).toBe('F');
    expect(render('{{#if (eq a 1)}}one{{/if}}', { a: 1 })).toBe('one');
  });
});

describe('strict mode', () => {
  it('names the variable a helper was not given', () => {
    expect(() => render('{{date deadline}}', {})).toThrow(/missing variable 'deadline'/);
    expect(() => render('{{t "greeting" name=recipient.name}}', { recipient: {} })).toThrow(
      /missing variable 'recipient.name'/,
    );
  });

  it('requires even the values tested by #if, so a misspelt name cannot take the empty branch', () => {
    expect(() => render('{{#if portalUrl}}x{{/if}}', {})).toThrow(/missing variable 'portalUrl'/);
    expect(render('{{#if portalUrl}}x{{else}}none{{/if}}', { portalUrl: null })).toBe('none');
  });

  it('requires the list #each walks', () => {
    expect(() => render('{{#each entities}}x{{/each}}', {})).toThrow(/missing variable 'entities'/);
  });

  it('is off on request: a missing #if value is then simply absent', () => {
    expect(render('{{#if portalUrl}}x{{else}}none{{/if}}', {}, 'en', 'UTC', { strict: false })).toBe('none');
  });
});
