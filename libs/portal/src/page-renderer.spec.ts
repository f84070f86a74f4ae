import path from 'node:path';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import {
  LANGUAGES,
  sessionSizeNotice,
  type DomainWarning,
  type Language,
  type TokenRole,
} from '@cascade/dialogue';
import { lookupString, messageArguments } from '@cascade/i18n';
import { PORTAL_FORM_DEFINITIONS } from './forms/portal-forms';
import { sampleContext, sampleRoleView } from './page-samples';
import { PageRenderer, PAGES, stringKeys } from './page-renderer';
import { CsrfTokens } from './csrf';
import { PortalPages } from './portal-pages';
import type { FailedSubmission } from './page-input';

/** The page without its one static script (the copy buttons'), the only <script> a page may hold. */
const OWN_SCRIPT = `<script>${fs.readFileSync(path.join(__dirname, '../views/copy-link.js'), 'utf8')}</script>`;
const withoutOwnScript = (html: string) => {
  expect(html.split(OWN_SCRIPT)).toHaveLength(2);
  return html.replace(OWN_SCRIPT, '');
};

const renderer = PageRenderer.fromDirectory();
// The product's name is the same in every language; a few words are spelt the same in French or Spanish.
const SAME_AS_ENGLISH: Partial<Record<Language, string[]>> = {
  fr: [
    'sessions.date',
    'sessions.participants',
    'session.participantsTitle',
    'feedback.scale5',
    'standing.minutes',
    'schedule.date',
    'managers.actions',
  ],
  es: ['errors.titlePrefix', 'errors.prefix', 'session.virtual'],
};
const sameAsEnglish = (lang: Language, key: string) =>
  key === 'app.name' || (SAME_AS_ENGLISH[lang] ?? []).includes(key);
const pages = new PortalPages(renderer, new CsrfTokens('k'.repeat(40)));
const ROLES: TokenRole[] = ['focal-point', 'head-of-entity', 'leader', 'participants'];
const TOKEN = 'T'.repeat(43);

/** Handlebars' escapes back to characters, for comparing text (the escaping itself is tested below). */
function decode(html: string): string {
  return html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The opening tag of the element with this id. */
function tagOf(html: string, id: string): string {
  const match = new RegExp(`<(input|textarea|button)[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no element #${id}`);
  return match[0];
}

describe('the token-link pages', () => {
  describe('strings', () => {
    it('has the same keys in all six languages', () => {
      const en = stringKeys(renderer.strings('en'));
      for (const lang of LANGUAGES) expect([lang, stringKeys(renderer.strings(lang))]).toEqual([lang, en]);
    });

    it.each(LANGUAGES)('has every key the templates use, in %s', (lang) => {
      const used = renderer.usedKeys();
      expect(used.length).toBeGreaterThan(100);
      for (const key of used) expect(() => lookupString(renderer.strings(lang), key, lang)).not.toThrow();
    });

    it.each(LANGUAGES)('names every state, form confirmation and form field in %s', (lang) => {
      const table = renderer.strings(lang);
      const states = [
        'pending',
        'invited',
        'cascading',
        'stats-submitted',
        'overdue',
        'reported',
        'not-completed',
        'withdrawn',
      ];
      for (const state of states) expect(lookupString(table, `states.${state}`, lang)).toBeTruthy();
      for (const form of PORTAL_FORM_DEFINITIONS) {
        expect(lookupString(table, `done.${form.name}`, lang)).toBeTruthy();
        for (const field of form.fields) expect(lookupString(table, field.label, lang)).toBeTruthy();
      }
    });

    it('leaves no string in English in another language (only names and bare placeholders may be the same)', () => {
      const english = renderer.strings('en');
      for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
        const same = stringKeys(english).filter((key) => {
          const text = lookupString(english, key, 'en');
          return (
            /[A-Za-z]{4,}/.test(text.replace(/\{\w+\}/g, '')) &&
            text === lookupString(renderer.strings(lang), key, lang)
          );
        });
        expect([lang, same.filter((key) => !sameAsEnglish(lang, key))]).toEqual([lang, []]);
      }
    });

    it('keeps the same placeholders in every language', () => {
      // Each argument once: a plural repeats a name in each of its forms, and Arabic has six forms.
      const placeholders = (lang: Language, text: string) =>
        [...new Set(messageArguments(lang, text))].sort();
      for (const key of stringKeys(renderer.strings('en'))) {
        const expected = placeholders('en', lookupString(renderer.strings('en'), key, 'en'));
        for (const lang of LANGUAGES) {
          expect([key, lang, placeholders(lang, lookupString(renderer.strings(lang), key, lang))]).toEqual([
            key,
            lang,
            expected,
          ]);
        }
      }
    });
  });

  describe.each(ROLES)('the %s page', (role) => {
    it.each(LANGUAGES)(
      'renders in %s, in that language and its direction, with a switch to the other five',
      (lang: Language) => {
        const html = decode(pages.rolePage(sampleRoleView(role), lang, TOKEN));
        expect(html).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
        expect(html).toContain(`<span aria-current="true" lang="${lang}">`);
        for (const other of LANGUAGES.filter((l) => l !== lang)) {
          expect(html).toContain(`href="/p/${TOKEN}?lang=${other}" lang="${other}" hreflang="${other}"`);
        }
        const title =
          role === 'participants'
            ? 'feedback.title'
            : { 'focal-point': 'focalPoint.title', 'head-of-entity': 'head.title', leader: 'leader.title' }[
                role
              ];
        expect(html).toContain(`<h1>${renderer.translate(lang, title)}</h1>`);
      },
    );

    it('labels every input, keeps the language on every form post and signs every form', () => {
      const html = decode(pages.rolePage(sampleRoleView(role), 'fr', TOKEN));
      const inputs = [...html.matchAll(/<(input|textarea)\b[^>]*>/g)]
        .map((m) => m[0])
        .filter((tag) => !tag.includes('type="hidden"'));
      expect(inputs.length).toBeGreaterThan(0);
      for (const tag of inputs) {
        const id = /\bid="([^"]+)"/.exec(tag)?.[1];
        expect([tag, id && html.includes(`<label for="${id}">`)]).toEqual([tag, true]);
      }
      const forms = [...html.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
      expect(forms.length).toBeGreaterThan(0);
      for (const [, action, body] of forms) {
        expect(action).toMatch(new RegExp(`^/p/${TOKEN}/[a-z-]+\\?lang=fr$`));
        expect(body).toMatch(/<input type="hidden" name="_csrf" value="[0-9a-z]+\.[A-Za-z0-9_-]{43}">/);
      }
    });
  });

  describe('dates and numbers in the page’s language (through libs/i18n)', () => {
    const focal = (lang: Language) => decode(pages.rolePage(sampleRoleView('focal-point'), lang, TOKEN));

    it('shows an instant as day and time in the entity’s zone, a calendar date as its day', () => {
      // submittedAt is 15:30 UTC; the sample entity is in New York.
      expect(focal('en')).toContain('It was submitted on 2 November 2026 at 10:30.');
      expect(focal('fr')).toContain('Elle a été transmise le 2 novembre 2026 à 10:30.');
      expect(focal('es')).toContain('Se presentó el 2 de noviembre de 2026 a las 10:30.');
      expect(focal('en')).toContain('31 December 2026');
      expect(focal('es')).toContain('31 de diciembre de 2026');
    });

    it('shows the head’s confirmation time the same way', () => {
      const roleView = sampleRoleView('head-of-entity');
      if (roleView.role !== 'head-of-entity') throw new Error('sample');
      roleView.view.headConfirmedAt = new Date('2026-11-05T23:30:00Z');
      const html = decode(pages.rolePage(roleView, 'fr', TOKEN));
      expect(html).toContain('Vous avez confirmé le 5 novembre 2026 à 18:30 que tous');
    });

    it('rounds the share of managers who led to a whole percentage, spaced the language’s way', () => {
      expect(focal('en')).toContain('1 of 3 managers have led their session (33%)');
      expect(focal('fr')).toContain('(33\u00a0%)');
      expect(focal('es')).toContain('(33\u00a0%)');
    });
  });

  it('renders the invalid-link and error pages in every language', () => {
    for (const lang of LANGUAGES) {
      expect(pages.invalidLink(lang)).toContain(renderer.translate(lang, 'invalidLink.help').slice(0, 20));
      for (const kind of [
        'forbidden',
        'tooManyRequests',
        'notFound',
        'badRequest',
        'internal',
        'unavailable',
      ] as const) {
        const html = decode(pages.errorPage(lang, kind, { retryAfterMinutes: 2, backHref: '/p/x?lang=fr' }));
        expect(html).toContain(`<h1>${renderer.translate(lang, `errorPage.${kind}.title`)}</h1>`);
      }
    }
    expect(PAGES).toHaveLength(6);
  });

  describe('escaping', () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

    it('escapes a hostile entity name, person name, session data and typed values', () => {
      const context = sampleContext('focal-point', {
        entity: { code: 'EVIL', name: hostile, names: { fr: hostile }, timeZone: 'UTC', language: 'en' },
        subjectName: hostile,
      });
      const roleView = sampleRoleView('focal-point', context);
      if (roleView.role !== 'focal-point') throw new Error('sample');
      roleView.view.sessions[0].leaderName = hostile;
      roleView.view.sessions[0].otherAgencyParticipants = { [hostile]: 2 };
      roleView.view.scenarioProposals[0].title = hostile;
      const html = pages.rolePage(roleView, 'en', TOKEN, {
        failed: {
          form: 'statistics',
          body: { eligibleStaff: '"><script>alert(2)</script>', comments: `</textarea>${hostile}` },
          issues: [{ field: 'eligibleStaff', code: 'a-rule-added-later' as 'required', message: hostile }],
          message: null,
        },
      });
      expect(withoutOwnScript(html)).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('</textarea><');
      expect(html).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
      );
      expect(tagOf(html, 'statistics-eligibleStaff')).toContain(
        'value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"',
      );
    });

    it('links only http(s) materials', () => {
      const html = pages.rolePage(sampleRoleView('focal-point'), 'en', TOKEN);
      expect(html).not.toContain('javascript:');
      expect(html).toContain('href="https://example.org/leaders-guide"');
    });

    it('allows its inline style sheet and its one static script by hash, and nothing else', () => {
      const html = pages.rolePage(sampleRoleView('leader'), 'en', TOKEN);
      const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
      const hash = createHash('sha256').update(css, 'utf8').digest('base64');
      expect(renderer.contentSecurityPolicy).toContain(`style-src 'sha256-${hash}'`);
      expect(renderer.contentSecurityPolicy).toContain("default-src 'none'");
      const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      expect(scripts).toHaveLength(1);
      const scriptHash = createHash('sha256').update(scripts[0], 'utf8').digest('base64');
      expect(renderer.contentSecurityPolicy).toContain(`script-src 'sha256-${scriptHash}'`);
      // The same script on every page, whatever its data: nothing of the page's content reaches it.
      expect(pages.rolePage(sampleRoleView('focal-point'), 'ar', TOKEN)).toContain(
        `<script>${scripts[0]}</script>`,
      );
      expect(html).not.toMatch(/<script[^>]|\sstyle="|\son[a-z]+="/);
    });
  });

  describe('a refused submission', () => {
    const failed: FailedSubmission = {
      form: 'statistics' as const,
      body: {
        eligibleStaff: '10',
        staffParticipated: '12',
        sessionsHeld: 'two',
        'agency[]': ['UNDP'],
        'count[]': ['-1'],
      },
      issues: [
        { field: 'sessionsHeld', code: 'non-negative-integer', message: 'must be a non-negative integer' },
        {
          field: 'staffParticipated',
          code: 'participated-over-eligible',
          message: 'must not exceed eligibleStaff (10)',
          params: { max: 10 },
        },
        {
          field: 'otherAgencyParticipants.UNDP',
          code: 'non-negative-integer',
          message: 'must be a non-negative integer',
        },
        // A code the string tables do not know yet (as from a newer domain): shown in English, never hidden.
        {
          field: 'somethingElse',
          code: 'a-rule-added-later' as 'required',
          message: 'a rule the page has no field for',
        },
      ],
      message: null,
    };
    const html = pages.rolePage(sampleRoleView('focal-point'), 'fr', TOKEN, { failed });

    it('shows each error beside its field, tied to it, in the page’s language', () => {
      const staff = tagOf(html, 'statistics-staffParticipated');
      expect(staff).toContain('aria-invalid="true"');
      expect(staff).toContain('aria-describedby="statistics-staffParticipated-error"');
      expect(staff).toContain('value="12"');
      expect(html).toMatch(
        /<p class="error" id="statistics-staffParticipated-error">.*Ce nombre ne peut dépasser celui des fonctionnaires concernés \(10\)\.<\/p>\s*<input id="statistics-staffParticipated"/,
      );
      const count = tagOf(html, 'statistics-count-0');
      expect(count).toContain('aria-invalid="true"');
      expect(count).toContain('value="-1"');
      expect(tagOf(html, 'statistics-eligibleStaff')).not.toContain('aria-invalid');
    });

    it('puts the focus on the first field in error on the page, and only there', () => {
      // The domain named sessionsHeld first (its own checks come before the rules across fields).
      expect(html.match(/\sautofocus\b/g)).toHaveLength(1);
      expect(tagOf(html, 'statistics-staffParticipated')).toContain('autofocus');
      expect(tagOf(html, 'statistics-sessionsHeld')).not.toContain('autofocus');
    });

    it('lists the errors in the form’s order: fields, then agency rows where they stand, then the rest', () => {
      const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
      const order = [...summary.matchAll(/<li>(?:<a href="#([^"]+)">)?/g)].map((m) => m[1] ?? 'none');
      expect(order).toEqual([
        'statistics-staffParticipated',
        'statistics-sessionsHeld',
        'statistics-count-0',
        'none',
      ]);
    });

    it('orders the session form’s errors as its inputs, the agency rows after the non-staff count', () => {
      const page = pages.rolePage(sampleRoleView('leader'), 'en', TOKEN, {
        failed: {
          form: 'session',
          body: {
            heldOn: '2030-01-01',
            staffParticipants: 'x',
            'agency[]': ['1UN'],
            'count[]': ['2'],
            splitPart: '3',
            splitOf: '2',
          },
          issues: [
            {
              field: 'split.part',
              code: 'split-part',
              message: 'must be between 1 and 2',
              params: { max: 2 },
            },
            {
              field: 'otherAgencyParticipants',
              code: 'agency-name-letter',
              message: 'x',
              params: { agency: '1UN' },
            },
            { field: 'staffParticipants', code: 'non-negative-integer', message: 'x' },
            {
              field: 'heldOn',
              code: 'session-day',
              message: 'x',
              params: { from: '2026-09-01', to: '2026-11-20', limit: 'byToday' },
            },
          ],
          message: null,
        },
      });
      const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
      const order = [...summary.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
      expect(order).toEqual([
        'session-heldOn',
        'session-staffParticipants',
        'session-agency-0',
        'session-splitPart',
      ]);
      expect(tagOf(page, 'session-heldOn')).toContain('autofocus');
      expect(decode(summary)).toContain('The session must have taken place by today.');
    });

    it('lists every error at the top, linking to its field; an unknown rule is shown as it is', () => {
      const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
      expect(html.indexOf('error-summary')).toBeLessThan(html.indexOf('<h1>'));
      expect(summary).toContain('href="#statistics-sessionsHeld"');
      expect(summary).toContain('href="#statistics-staffParticipated"');
      expect(summary).toContain('href="#statistics-count-0"');
      expect(summary).toContain('a rule the page has no field for');
      expect(html).toContain('<title>Erreur : ');
    });

    it('focuses the summary when no field is at fault', () => {
      const page = pages.rolePage(sampleRoleView('focal-point'), 'en', TOKEN, {
        failed: { form: 'extension', body: {}, issues: [], message: 'This form was left open too long.' },
      });
      expect(page.match(/\sautofocus\b/g)).toHaveLength(1);
      expect(page).toMatch(/<div class="error-summary"[^>]*tabindex="-1" autofocus>/);
    });
  });

  it('shows a session’s size warning and feedback link once, in the page’s language', () => {
    const html = pages.rolePage(sampleRoleView('leader'), 'es', TOKEN, {
      done: 'session',
      flash: {
        kind: 'session',
        sessionId: 4,
        warnings: [sessionSizeNotice(30) as DomainWarning],
        participantsLink: 'https://cascade.example.org/p/abc',
      },
    });
    expect(html).toMatch(
      /<div class="notice" role="status" id="session-result">\s*<p class="warning">30 participantes son más de los 10 a 25 recomendados/,
    );
    expect(html).toContain('href="https://cascade.example.org/p/abc"');
  });

  it('says how many answers a participants’ link takes, and once they are all in, takes no more', () => {
    const open = decode(pages.rolePage(sampleRoleView('participants'), 'fr', TOKEN));
    expect(open).toContain(
      'Ce lien accepte une réponse par participant enregistré pour la séance, soit 12 au total. Réponses reçues à ce jour : 4.',
    );
    expect(open).toContain('<form method="post"');
    const roleView = sampleRoleView('participants');
    if (roleView.role !== 'participants') throw new Error('a participants view');
    for (const lang of LANGUAGES) {
      const full = decode(
        pages.rolePage({ ...roleView, view: { ...roleView.view, alreadyCounted: 12 } }, lang, TOKEN),
      );
      expect(full).toContain(renderer.translate(lang, 'feedback.full', { count: 12 }));
      expect(full).not.toContain('<form method="post"');
    }
  });

  it('shows a warning sealed by the previous release (an English sentence) as it is', () => {
    const html = pages.rolePage(sampleRoleView('leader'), 'es', TOKEN, {
      done: 'session',
      flash: {
        kind: 'session',
        sessionId: 4,
        warnings: ['30 participants is above the ideal 10–25' as unknown as DomainWarning],
        participantsLink: 'https://cascade.example.org/p/abc',
      },
    });
    expect(html).toContain('<p class="warning">30 participants is above the ideal 10–25');
  });

  it('puts the Head’s refused confirmation beside its button, naming who has not led a session', () => {
    const html = pages.rolePage(sampleRoleView('head-of-entity'), 'en', TOKEN, {
      failed: {
        form: 'confirm',
        body: {},
        issues: [
          {
            field: 'confirmation',
            code: 'managers-missing',
            message: '1 manager(s) have not led a session yet: Jean Dupont',
            params: { count: 1, names: 'Jean Dupont' },
          },
        ],
        message: null,
      },
    });
    const button = tagOf(html, 'confirm-confirmation');
    expect(button).toContain('autofocus');
    expect(button).toContain('aria-describedby="confirm-confirmation-error"');
    expect(html).toContain('1 manager(s) have not yet led a session: Jean Dupont.');
    expect(html.match(/\sautofocus\b/g)).toHaveLength(1);
  });
});

describe('the entity’s name in the page’s language', () => {
  const FR = 'Département des affaires politiques et de la consolidation de la paix';
  const ES = 'Departamento de Asuntos Políticos y de Consolidación de la Paz';
  const EN = 'Department of Political and Peacebuilding Affairs';
  /** The entity's name in the facts at the top of the page. */
  const factName = (html: string) =>
    /<dd><bdi>([^<]*)<\/bdi> \(<bdi dir="ltr">DPPA<\/bdi>\)<\/dd>/.exec(html)?.[1];

  it.each(ROLES)('reads the UN’s French and Spanish names, and English where it has none (%s)', (role) => {
    const expected: [Language, string][] = [
      ['fr', FR],
      ['es', ES],
      ['ar', EN],
      ['en', EN],
    ];
    for (const [lang, name] of expected) {
      const html = decode(pages.rolePage(sampleRoleView(role), lang, TOKEN));
      // The facts at the top (the participants' page has none: its intro names the entity).
      if (role !== 'participants') expect([lang, factName(html)]).toEqual([lang, name]);
      // The intro names it too, and no page shows another language's name.
      const intro = /<h1>[\s\S]*?<\/h1>[\s\S]*?<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
      expect([lang, intro]).toEqual([lang, expect.stringContaining(name)]);
      for (const other of [FR, ES, EN].filter((n) => n !== name)) expect(html).not.toContain(other);
    }
  });

  it('falls back to English for a language whose name is blank', () => {
    const context = sampleContext('focal-point');
    context.entity.names = { fr: ' ', es: ES };
    const html = decode(pages.rolePage(sampleRoleView('focal-point', context), 'fr', TOKEN));
    expect(factName(html)).toBe(EN);
  });
});
