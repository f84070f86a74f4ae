import { INTL_LOCALE, TEXT_DIRECTION } from '@cascade/i18n';
import { MailRenderError, UnknownLanguage, UnknownTemplate } from './errors';
import { HELPER_NAMES } from './helpers';
import { MAIL_LANGUAGES, type MailLanguage } from './languages';
import { MailRenderer } from './mail-renderer';
import { loadCatalogue, MAIL_PARTS } from './template-catalogue';
import { templateReferences } from './template-variables';
import { TEMPLATES_DIR } from './templates-dir';

const renderer = MailRenderer.fromDirectory(TEMPLATES_DIR, { strict: true });
const TEMPLATES = renderer.templates();
const ZONE = { timeZone: 'America/New_York' };
const HOSTILE = '<script>alert(1)</script>\r\nBcc: x@evil.org';
const ENTITY_TEMPLATES = TEMPLATES.filter((t) => renderer.variables(t).includes('entity.name'));
const cases = TEMPLATES.flatMap((t) => MAIL_LANGUAGES.map((lang) => [t, lang] as const));

function valuesAt(data: unknown, path: string): unknown[] {
  let nodes: unknown[] = [data];
  for (const segment of path.split('.')) {
    const list = segment.endsWith('[]');
    const key = list ? segment.slice(0, -2) : segment;
    nodes = nodes.map((n) => (n as Record<string, unknown>)?.[key]);
    if (list) nodes = nodes.flatMap((n) => (Array.isArray(n) ? n : [undefined]));
  }
  return nodes;
}

function withData(template: string, patch: Record<string, unknown>): Record<string, unknown> {
  return { ...renderer.sample(template), ...patch };
}

describe('every template in every language', () => {
  it.each(cases)('%s (%s) renders its sample in strict mode', (template, lang) => {
    const mail = renderer.render(template, lang, renderer.sample(template), ZONE);
    expect(mail.subject.length).toBeGreaterThan(10);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).not.toMatch(/\{\{|&amp;|&#/);
    expect(mail.html).toContain(`<html lang="${lang}" dir="${TEXT_DIRECTION[lang]}">`);
    expect(mail.html).toContain(`<title>${mail.subject.replace(/'/g, '&#x27;')}</title>`);
    expect(mail.text.trim().length).toBeGreaterThan(100);
    // The text part is plain: no markup and no entities.
    expect(mail.text).not.toMatch(/<\/?(p|a|br|strong|em|ul|li|table|tr|td|th|html|body|div|span)\b/i);
    expect(mail.text).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
    expect(mail.text).not.toMatch(/\r/);
    for (const [, href] of mail.html.matchAll(/href="([^"]*)"/g))
      expect(href).toMatch(/^(https:\/\/|mailto:)/);
  });

  it.each(TEMPLATES)('%s uses the same variables, partials and strings in every language', (template) => {
    const catalogue = loadCatalogue(TEMPLATES_DIR);
    const helpers = new Set(HELPER_NAMES);
    const sources = catalogue.templates.get(template);
    if (!sources) throw new Error(`no template ${template}`);
    const refsOf = (lang: MailLanguage) => {
      const all = { paths: new Set<string>(), partials: new Set<string>(), stringKeys: new Set<string>() };
      for (const part of MAIL_PARTS) {
        const refs = templateReferences(sources.parts[lang][part], helpers);
        refs.paths.forEach((p) => all.paths.add(p));
        refs.partials.forEach((p) => all.partials.add(p));
        refs.stringKeys.forEach((k) => all.stringKeys.add(k));
      }
      return {
        paths: [...all.paths].sort(),
        partials: [...all.partials].sort(),
        keys: [...all.stringKeys].sort(),
      };
    };
    const english = refsOf('en');
    expect(english.paths).toEqual(expect.arrayContaining(['dialogue.year']));
    expect(english.partials).toContain('layout');
    for (const lang of MAIL_LANGUAGES) expect(refsOf(lang)).toEqual(english);
  });

  it.each(TEMPLATES)(
    '%s: sample.json gives every variable the template uses, in every branch',
    (template) => {
      const sample = renderer.sample(template);
      for (const path of renderer.variables(template)) {
        const values = valuesAt(sample, path);
        expect({ path, missing: values.some((v) => v === undefined) }).toEqual({ path, missing: false });
      }
    },
  );
});

describe('variables()', () => {
  it('lists what the caller must provide, layout and partials included', () => {
    expect(renderer.variables('reminder')).toEqual([
      'daysLeft',
      'deadline',
      'dialogue.year',
      'entity.name',
      'extended',
      'portalUrl',
      'recipient.name',
    ]);
    expect(renderer.variables('daily-digest')).toEqual(
      expect.arrayContaining([
        'entities[].code',
        'entities[].state',
        'entities[].escalationLevel',
        'entities.length',
      ]),
    );
    expect(renderer.variables('invitation')).toEqual(
      expect.arrayContaining(['materials.leadersGuide', 'materials.presentation', 'recipient.role']),
    );
  });
});

describe('escaping and header safety', () => {
  it.each(ENTITY_TEMPLATES.flatMap((t) => MAIL_LANGUAGES.map((l) => [t, l] as const)))(
    '%s (%s) escapes a hostile entity name in HTML and keeps it on one line in the subject',
    (template, lang) => {
      const data = renderer.sample(template);
      (data['entity'] as Record<string, unknown>)['name'] = HOSTILE;
      (data['recipient'] as Record<string, unknown>)['name'] = HOSTILE;
      const mail = renderer.render(template, lang, data, ZONE);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text).not.toContain('\r');
      expect(mail.text).not.toContain('&lt;');
    },
  );

  it('puts the hostile name in the subject as plain text on a single line', () => {
    const mail = renderer.render('reminder', 'en', withData('reminder', { entity: { name: HOSTILE } }), ZONE);
    expect(mail.subject).toContain('<script>alert(1)</script> Bcc: x@evil.org');
  });

  it('renders a subject without HTML entities even for an ampersand', () => {
    const data = withData('reminder', { entity: { name: 'Peace & Security' } });
    expect(renderer.render('reminder', 'en', data, ZONE).subject).toContain('Peace & Security');
    expect(renderer.render('reminder', 'en', data, ZONE).html).toContain('Peace &amp; Security');
  });

  it('refuses a link that is not a web link', () => {
    const data = withData('reminder', { portalUrl: 'javascript:alert(1)' });
    expect(() => renderer.render('reminder', 'en', data, ZONE)).toThrow(/refusing link/);
  });
});

describe('dates and numbers follow the recipient', () => {
  const submitted = (lang: MailLanguage, timeZone: string) =>
    renderer.render(
      'statistics-received',
      lang,
      withData('statistics-received', {
        statistics: {
          ...(renderer.sample('statistics-received')['statistics'] as object),
          submittedAt: '2027-01-31T23:30:00Z',
        },
      }),
      { timeZone },
    );

  it('shows an instant on the day it is in the recipient’s zone', () => {
    expect(submitted('en', 'Asia/Kabul').text).toContain('on 1 February 2027 at 04:00');
    expect(submitted('en', 'America/New_York').text).toContain('on 31 January 2027 at 18:30');
    expect(submitted('fr', 'Asia/Kabul').html).toContain('1 février 2027');
    expect(submitted('es', 'America/New_York').html).toContain('31 de enero de 2027');
  });

  it('shows the figures and the participation rate in local digits', () => {
    expect(submitted('en', 'UTC').text).toMatch(/Eligible staff: 1,240\n/);
    expect(submitted('en', 'UTC').text).toMatch(/Participation rate: 89.1%\n/);
    expect(submitted('fr', 'UTC').text).toContain('Taux de participation\u00a0: 89,1\u00a0%');
  });

  it('shows a calendar deadline on its own day whatever the zone', () => {
    const mail = renderer.render('invitation', 'en', renderer.sample('invitation'), {
      timeZone: 'Pacific/Kiritimati',
    });
    expect(mail.text).toContain('due by 31 December 2027');
  });
});

describe('plurals', () => {
  const reminder = (lang: MailLanguage, daysLeft: number) =>
    renderer.render('reminder', lang, withData('reminder', { daysLeft }), ZONE).subject;

  it.each([
    ['en', 1, 'due in 1 day'],
    ['en', 2, 'due in 2 days'],
    ['fr', 1, 'attendues dans 1 jour'],
    ['fr', 2, 'attendues dans 2 jours'],
    ['es', 1, 'queda 1 día para'],
    ['es', 2, 'quedan 2 días para'],
  ] as const)('%s, %d day(s) left → “%s”', (lang, days, expected) => {
    expect(reminder(lang, days)).toContain(expected);
  });

  it('says "no entity" rather than "0 entities" in an empty digest', () => {
    const mail = renderer.render('daily-digest', 'en', withData('daily-digest', { entities: [] }), ZONE);
    expect(mail.subject).toContain('no entity lagging');
    expect(mail.html).not.toContain('<table cellpadding');
  });
});

describe('branches', () => {
  it('shows the personal link only when there is one', () => {
    for (const lang of MAIL_LANGUAGES) {
      const withLink = renderer.render('reminder', lang, renderer.sample('reminder'), ZONE);
      const without = renderer.render('reminder', lang, withData('reminder', { portalUrl: null }), ZONE);
      const url = renderer.sample('reminder')['portalUrl'] as string;
      expect(withLink.html).toContain(`href="${url}"`);
      expect(withLink.text).toContain(url);
      expect(without.html).not.toContain('/t/');
      expect(without.text).not.toContain('/t/');
    }
  });

  it.each(['invitation', 'late-entity-welcome'])(
    '%s speaks to the Head of Entity and the Focal Point differently',
    (t) => {
      for (const lang of MAIL_LANGUAGES) {
        const as = (role: string) =>
          renderer.render(t, lang, withData(t, { recipient: { name: 'A', role } }), ZONE).text;
        expect(as('head-of-entity')).not.toEqual(as('focal-point'));
      }
      expect(
        renderer.render(t, 'en', withData(t, { recipient: { name: 'A', role: 'head-of-entity' } }), ZONE)
          .text,
      ).toContain('As Head of Entity');
    },
  );

  it('warns when an extension ends after the report cutoff', () => {
    const mail = (beyondReportCutoff: boolean) =>
      renderer.render('extension-granted', 'en', withData('extension-granted', { beyondReportCutoff }), ZONE)
        .text;
    expect(mail(true)).toContain('will therefore not be listed');
    expect(mail(false)).not.toContain('will therefore not be listed');
  });

  it.each(MAIL_LANGUAGES)(
    'promises reminders up to the new deadline only when the report cutoff does not stop them first (%s)',
    (lang) => {
      const mail = (beyondReportCutoff: boolean) =>
        renderer.render(
          'extension-granted',
          lang,
          withData('extension-granted', { beyondReportCutoff, reportCutoff: '2028-02-28' }),
          ZONE,
        );
      const cutoff = new Intl.DateTimeFormat(INTL_LOCALE[lang], {
        dateStyle: 'long',
        timeZone: 'UTC',
      }).format(new Date('2028-02-28T12:00:00Z'));
      const within = mail(false);
      const beyond = mail(true);
      // Past the cutoff the mail names the cutoff as the end of reminders; within it, the cutoff is not mentioned.
      expect(beyond.text).toContain(cutoff);
      expect(within.text).not.toContain(cutoff);
      expect(beyond.html).toContain(cutoff);
    },
  );

  it('tells whether the entity is listed as completed in the report', () => {
    const mail = (listedAsCompleted: boolean) =>
      renderer.render('report-issued', 'fr', withData('report-issued', { listedAsCompleted }), ZONE).text;
    expect(mail(true)).toContain('figure parmi les entités ayant achevé');
    expect(mail(false)).toContain('ne figure pas parmi');
  });

  it('keeps the line breaks of a multi-line reason in the text part', () => {
    const data = withData('extension-refused', { reason: 'First line.\r\nSecond line.' });
    expect(renderer.render('extension-refused', 'en', data, ZONE).text).toContain(
      'First line.\nSecond line.',
    );
  });
});

describe('errors', () => {
  it('names an unknown template and language', () => {
    expect(() => renderer.render('welcome', 'en', {}, ZONE)).toThrow(UnknownTemplate);
    expect(() => renderer.render('welcome', 'en', {}, ZONE)).toThrow(/'welcome'.*known: daily-digest/);
    expect(() => renderer.render('reminder', 'de' as MailLanguage, {}, ZONE)).toThrow(UnknownLanguage);
    expect(() => renderer.render('reminder', 'de' as MailLanguage, {}, ZONE)).toThrow(/'de'/);
    expect(() => renderer.sample('welcome')).toThrow(UnknownTemplate);
  });

  it('names an unknown time zone', () => {
    expect(() =>
      renderer.render('reminder', 'en', renderer.sample('reminder'), { timeZone: 'Mars/Olympus' }),
    ).toThrow(/Unknown time zone 'Mars\/Olympus'/);
  });

  it('refuses a UTC offset as a time zone on every Node version (newer ICU takes one)', () => {
    expect(() =>
      renderer.render('reminder', 'en', renderer.sample('reminder'), { timeZone: '+03:00' }),
    ).toThrow(/Unknown time zone '\+03:00'/);
  });

  it('in strict mode, names the template, language, part and variable that is missing', () => {
    const data = renderer.sample('reminder');
    delete data['daysLeft'];
    expect(() => renderer.render('reminder', 'fr', data, ZONE)).toThrow(MailRenderError);
    expect(() => renderer.render('reminder', 'fr', data, ZONE)).toThrow(
      /Cannot render mail 'reminder' \(fr, subject\): missing variable 'daysLeft'/,
    );
    const noEntity = { ...renderer.sample('reminder'), entity: {} };
    expect(() => renderer.render('reminder', 'en', noEntity, ZONE)).toThrow(/"name" not defined/);
  });

  it('without strict mode, leaves an absent optional value out', () => {
    const lenient = MailRenderer.fromDirectory(TEMPLATES_DIR);
    const data = renderer.sample('reminder');
    delete data['portalUrl'];
    delete data['extended'];
    expect(lenient.render('reminder', 'en', data, ZONE).text).not.toContain('/t/');
    expect(() => renderer.render('reminder', 'en', data, ZONE)).toThrow(/missing variable 'extended'/);
  });
});

describe('compilation', () => {
  it('compiles each part once and reuses it', () => {
    const fresh = MailRenderer.fromDirectory(TEMPLATES_DIR, { strict: true });
    const compile = jest.spyOn(fresh['hb'], 'compile');
    const first = fresh.render('nudge', 'es', fresh.sample('nudge'), ZONE);
    const second = fresh.render('nudge', 'es', fresh.sample('nudge'), ZONE);
    expect(second).toEqual(first);
    expect(compile).toHaveBeenCalledTimes(3);
  });

  it('uses its own Handlebars instance, leaving the global one untouched', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const global = require('handlebars') as typeof import('handlebars');
    expect(global.helpers['plural']).toBeUndefined();
    expect(global.partials['layout']).toBeUndefined();
  });
});
