import fs from 'node:fs';
import path from 'node:path';
import { parseDefinition } from '@cascade/workflow';
import { MAIL_LANGUAGES, type MailLanguage } from './languages';
import { MailRenderer } from './mail-renderer';
import { TEMPLATES_DIR } from './templates-dir';

// The managers' cascade mails: what each must say, beyond what every template is checked for in
// mail-renderer.spec.ts (strict render of the sample in every language, same variables, escaping of the entity).
const renderer = MailRenderer.fromDirectory(TEMPLATES_DIR, { strict: true });
const NEW_YORK = { timeZone: 'America/New_York' };
const CASCADE_TEMPLATES = [
  'manager-your-turn',
  'manager-reminder',
  'manager-nudge',
  'session-invitation',
  'session-cancelled',
  'session-feedback',
  'session-record-reminder',
  'managers-digest',
];
const MANAGER_WORKFLOW = path.resolve(__dirname, '../../../workflows/manager-session.v1.yaml');

type Data = Record<string, unknown>;

function render(template: string, lang: MailLanguage, patch: Data = {}, options = NEW_YORK) {
  return renderer.render(template, lang, { ...renderer.sample(template), ...patch }, options);
}

function withAdvice(template: string, advice: Data): Data {
  const sample = renderer.sample(template);
  return { advice: { ...(sample['advice'] as Data), ...advice } };
}

const SPLIT = {
  kind: 'split',
  directReports: 32,
  sessions: 2,
  maxSize: 16,
  secondReportingOfficer: null,
  units: [],
};
const SINGLE = {
  kind: 'single',
  directReports: 18,
  sessions: null,
  maxSize: null,
  secondReportingOfficer: null,
};

describe('the cascade templates', () => {
  it('are all in the catalogue', () => {
    expect(renderer.templates()).toEqual(expect.arrayContaining(CASCADE_TEMPLATES));
  });

  it('name every state of the manager workflow in every language', () => {
    const def = parseDefinition(fs.readFileSync(MANAGER_WORKFLOW, 'utf8'), 'manager-session.v1.yaml');
    for (const lang of MAIL_LANGUAGES) {
      for (const state of Object.keys(def.states)) {
        const managers = [{ name: 'A', email: 'a@example.org', state, turnOn: null, daysSinceTurn: null }];
        expect(() => render('managers-digest', lang, { managers })).not.toThrow();
      }
    }
  });
});

describe('sizing advice (manager-your-turn and manager-reminder)', () => {
  const templates = ['manager-your-turn', 'manager-reminder'];

  it.each(templates)('%s: a split names the number and size of the sessions, all led by the manager', (t) => {
    const text = (lang: MailLanguage) => render(t, lang, withAdvice(t, SPLIT)).text;
    expect(text('en')).toContain('Your team of 32 direct reports is larger than the recommended 10 to 25');
    expect(text('en')).toContain('please hold 2 sessions of about 16 participants each, all led by you');
    expect(text('fr')).toContain(
      "tenir 2 séances d'environ 16 participants chacune, que vous animerez toutes",
    );
    expect(text('es')).toContain(
      'celebre 2 sesiones de unos 16 participantes cada una, todas dirigidas por usted',
    );
    for (const lang of MAIL_LANGUAGES) expect(text(lang)).not.toContain('Ingrid Halvorsen');
  });

  it.each(templates)('%s: a joint session names the second reporting officer and the other units', (t) => {
    const advice = {
      kind: 'joint',
      directReports: 6,
      secondReportingOfficer: { name: 'Ingrid Halvorsen', email: 'ingrid.halvorsen@example.org' },
      units: [
        { name: 'Kwame Mensah', email: 'kwame.mensah@example.org' },
        { name: 'Priya Raman', email: 'priya.raman@example.org' },
      ],
    };
    for (const lang of MAIL_LANGUAGES) {
      const mail = render(t, lang, withAdvice(t, advice));
      for (const part of [mail.html, mail.text]) {
        expect(part).toContain('Ingrid Halvorsen');
        expect(part).toContain('Kwame Mensah');
        expect(part).toContain('Priya Raman');
      }
      expect(mail.html).toContain('href="mailto:priya.raman@example.org"');
    }
    const en = render(t, 'en', withAdvice(t, advice)).text;
    expect(en).toContain('Your team of 6 direct reports is smaller than the recommended 10 to 25');
    expect(en).toContain('a joint session with the other units under Ingrid Halvorsen');
    expect(en).toMatch(/are led by:\n- Kwame Mensah <kwame.mensah@example.org>\n- Priya Raman/);
  });

  it.each(templates)('%s: a joint session without other units or officer still reads well', (t) => {
    const officer = { name: 'Ingrid Halvorsen', email: 'ingrid.halvorsen@example.org' };
    const alone = (lang: MailLanguage) =>
      render(t, lang, withAdvice(t, { kind: 'joint', secondReportingOfficer: officer, units: [] })).text;
    const noOfficer = (lang: MailLanguage) =>
      render(t, lang, withAdvice(t, { kind: 'joint', secondReportingOfficer: null, units: [] })).text;
    expect(alone('en')).toContain('under Ingrid Halvorsen');
    expect(alone('en')).not.toContain('are led by');
    expect(noOfficer('en')).toContain(
      'a joint session with other small units, led by a higher reporting officer',
    );
    expect(noOfficer('fr')).toContain("séance commune avec d'autres petites unités");
    expect(noOfficer('es')).toContain('sesión conjunta con otras unidades pequeñas');
    for (const lang of MAIL_LANGUAGES) expect(noOfficer(lang)).not.toContain('Halvorsen');
  });

  it.each(templates)('%s: a team of the right size fits one session', (t) => {
    expect(render(t, 'en', withAdvice(t, SINGLE)).text).toContain(
      'Your team of 18 direct reports fits a single session',
    );
    expect(render(t, 'fr', withAdvice(t, SINGLE)).text).toContain('une seule séance');
    expect(render(t, 'es', withAdvice(t, SINGLE)).text).toContain('una sola sesión');
    expect(render(t, 'en', withAdvice(t, SINGLE)).text).not.toMatch(/joint|split|sessions of about/);
  });

  it('agrees a team of one in every language', () => {
    const one = (lang: MailLanguage) =>
      render('manager-reminder', lang, withAdvice('manager-reminder', { ...SINGLE, directReports: 1 })).text;
    expect(one('en')).toContain('Your team of 1 direct report fits');
    expect(one('fr')).toContain('1 personne relevant');
    expect(one('es')).toContain('1 persona que le reporta directamente');
  });

  it('escapes the names in the advice in HTML', () => {
    const advice = {
      kind: 'joint',
      secondReportingOfficer: { name: '<i>Ingrid</i>', email: 'ingrid@example.org' },
      units: [{ name: '<b>Kwame</b>', email: 'kwame@example.org' }],
    };
    const mail = render('manager-your-turn', 'fr', withAdvice('manager-your-turn', advice));
    expect(mail.html).toContain('&lt;i&gt;Ingrid&lt;/i&gt;');
    expect(mail.html).toContain('&lt;b&gt;Kwame&lt;/b&gt;');
    expect(mail.html).not.toMatch(/<i>Ingrid|<b>Kwame/);
  });
});

describe('manager-your-turn', () => {
  it('gives the date of the turn, the length, the materials and what to do', () => {
    const mail = render('manager-your-turn', 'en');
    expect(mail.text).toContain('since 4 October 2027, it is your turn to hold a 90-minute dialogue session');
    expect(mail.text).toContain('well before 31 December 2027');
    expect(mail.text).toContain('Each member of your team then receives a calendar invitation.');
    expect(mail.text).toContain('The order of the cascade is a guide rather than a rule');
    expect(mail.html).toContain(
      'href="https://ethics.example.org/leadership-dialogue/2027/leaders-guide-en.pdf"',
    );
    expect(mail.html).toContain('href="https://cascade.example.org/t/Lq7WmX3pZ9rT2vKd8HsN"');
    expect(render('manager-your-turn', 'es', { sessionMinutes: 60 }).text).toContain(
      'sesión de diálogo de 60 minutos',
    );
  });

  it('tells the Head of Entity that they open the cascade', () => {
    for (const lang of MAIL_LANGUAGES) {
      const as = (role: string) => render('manager-your-turn', lang, { recipient: { name: 'A', role } }).text;
      expect(as('head-of-entity')).not.toEqual(as('leader'));
    }
    const head = render('manager-your-turn', 'en', { recipient: { name: 'A', role: 'head-of-entity' } });
    expect(head.text).toContain('As Head of Entity, you open the cascade');
  });
});

describe('manager-reminder and manager-nudge', () => {
  it('count the days since the turn in the language', () => {
    expect(render('manager-reminder', 'en', { daysSinceTurn: 28 }).text).toContain(
      'came on 4 October 2027, 28 days ago',
    );
    expect(render('manager-reminder', 'fr', { daysSinceTurn: 1 }).text).toContain('il y a 1 jour,');
    expect(render('manager-nudge', 'es', { daysSinceTurn: 35 }).text).toContain('hace 35 días');
  });

  it('the nudge names the lagging manager to their own manager and links their address', () => {
    const mail = render('manager-nudge', 'en');
    expect(mail.subject).toContain('Olena Kovalenko has not yet scheduled their session');
    expect(mail.text).toMatch(/^Dear Ingrid Halvorsen,/);
    expect(mail.html).toContain('href="mailto:olena.kovalenko@example.org"');
    expect(mail.text).not.toContain('/t/');
  });
});

describe('session-invitation', () => {
  it('says "updated" in the subject and body when the session changed', () => {
    for (const lang of MAIL_LANGUAGES) {
      const first = render('session-invitation', lang, { update: false });
      const changed = render('session-invitation', lang, { update: true });
      expect(changed.subject).not.toEqual(first.subject);
      expect(changed.text).not.toEqual(first.text);
    }
    const words: Record<MailLanguage, string> = {
      en: 'updated invitation',
      fr: 'invitation mise à jour',
      es: 'invitación actualizada',
      ar: 'دعوة محدَّثة',
      zh: '邀请（已更新）',
      ru: 'обновлённое приглашение',
    };
    for (const lang of MAIL_LANGUAGES) {
      expect(render('session-invitation', lang, { update: true }).subject).toContain(words[lang]);
      expect(render('session-invitation', lang, { update: false }).subject).not.toContain(words[lang]);
    }
    expect(render('session-invitation', 'en', { update: true }).text).toContain(
      'The updated calendar invitation is attached: accept it to update the session in your calendar.',
    );
    expect(render('session-invitation', 'en', { update: false }).text).toContain(
      'The calendar invitation is attached: accept it to add the session to your calendar.',
    );
  });

  it('shows the start in the recipient’s zone, the length, place, link, language and leader', () => {
    const ny = render('session-invitation', 'en');
    expect(ny.text).toContain('When: 19 October 2027 at 10:00');
    expect(ny.text).toContain('Duration: 90 minutes');
    expect(ny.text).toContain('Place: Conference room S-2727');
    expect(ny.html).toContain('href="https://meet.example.org/j/4821937465"');
    expect(ny.text).toContain('Language: English');
    expect(ny.text).toContain('Led by: Tomás Herrera <tomas.herrera@example.org>');
    expect(ny.html).toContain(
      'href="https://ethics.example.org/leadership-dialogue/2027/participants-guide-en.pdf"',
    );
    const geneva = render('session-invitation', 'fr', {}, { timeZone: 'Europe/Zurich' });
    expect(geneva.text).toContain('Date et heure : 19 octobre 2027 à 16:00');
  });

  it('handles a session with only a link, or with neither place nor link yet', () => {
    const session = renderer.sample('session-invitation')['session'] as Data;
    const online = render('session-invitation', 'en', { session: { ...session, place: null } }).text;
    expect(online).not.toContain('Place:');
    expect(online).toContain('Online: https://meet.example.org/j/4821937465');
    const open = render('session-invitation', 'es', { session: { ...session, place: null, url: null } }).text;
    expect(open).toContain('Lugar: pendiente de confirmar por Tomás Herrera');
    expect(open).not.toContain('En línea');
    const bad = { session: { ...session, url: 'javascript:alert(1)' } };
    expect(() => render('session-invitation', 'en', bad)).toThrow(/refusing link/);
  });
});

describe('session-cancelled, session-feedback and session-record-reminder', () => {
  it('the cancellation says the CANCEL is attached and names the session cancelled', () => {
    const mail = render('session-cancelled', 'en');
    expect(mail.subject).toContain('session with Tomás Herrera on 19 October 2027 cancelled');
    expect(mail.text).toContain(
      'The cancellation is attached: open it to remove the session from your calendar.',
    );
    expect(render('session-cancelled', 'fr').text).toContain("L'annulation est jointe à ce message");
  });

  it('the feedback mail links the anonymous form and says it is anonymous', () => {
    const words: Record<MailLanguage, string> = {
      en: 'anonymous',
      fr: 'anonyme',
      es: 'anónimo',
      ar: 'مجهولة',
      zh: '匿名',
      ru: 'анонимн',
    };
    for (const lang of MAIL_LANGUAGES) {
      const mail = render('session-feedback', lang);
      expect(mail.html).toContain('href="https://cascade.example.org/f/R8vN2kQ5tW7yB3mJ"');
      expect(mail.text).toContain('https://cascade.example.org/f/R8vN2kQ5tW7yB3mJ');
      expect(mail.text).toContain(words[lang]);
      expect(mail.subject).toMatch(/19/);
    }
    expect(render('session-feedback', 'en').text).toContain('nothing that could identify you is recorded');
  });

  it('the record reminder asks for the record on the manager’s page and says what it unlocks', () => {
    const mail = render('session-record-reminder', 'en');
    expect(mail.subject).toContain('please record your session of 19 October 2027');
    expect(mail.text).toContain('your team then receives the link to the anonymous feedback form');
    expect(mail.text).toContain('any managers who report to you are then asked to hold their own sessions');
    expect(mail.html).toContain('href="https://cascade.example.org/t/Lq7WmX3pZ9rT2vKd8HsN"');
  });
});

describe('managers-digest', () => {
  it('counts and lists the lagging managers, with their state in the language', () => {
    const mail = render('managers-digest', 'en');
    expect(mail.subject).toContain('cascade in DPPA on 15 November 2027, 4 managers lagging');
    expect(mail.text).toContain('Managers who have held their session: 19 (39.6%)');
    expect(mail.text).toContain(
      '- Olena Kovalenko <olena.kovalenko@example.org>: No session scheduled yet; their turn came on 4 October 2027, 42 days ago',
    );
    expect(mail.html.match(/<tr><td style="padding:6px 8px;/g)).toHaveLength(4);
    expect(render('managers-digest', 'fr').text).toContain('Séance planifiée, pas encore enregistrée');
    expect(render('managers-digest', 'es').html).toContain('Días transcurridos');
  });

  it('shows a dash for a manager whose turn has no date, and no table when nobody lags', () => {
    const managers = [
      {
        name: 'Chen Jing',
        email: 'chen.jing@example.org',
        state: 'waiting',
        turnOn: null,
        daysSinceTurn: null,
      },
    ];
    const one = render('managers-digest', 'en', { managers });
    expect(one.text).toContain(
      "- Chen Jing <chen.jing@example.org>: Waiting for their own manager's session\n",
    );
    expect(one.html).toContain('>–</td>');
    const none = render('managers-digest', 'en', {
      managers: [],
      counts: { managers: 48, held: 48, scheduled: 0, lagging: 0 },
    });
    expect(none.subject).toContain('no manager lagging');
    expect(none.text).toContain('No manager is lagging behind.');
    expect(none.html).not.toContain('<thead>');
  });
});

describe('escaping a hostile manager name', () => {
  const withManager = CASCADE_TEMPLATES.filter((t) => renderer.variables(t).includes('manager.name'));

  it('covers the templates that name the manager', () => {
    expect(withManager.sort()).toEqual(
      ['manager-nudge', 'session-cancelled', 'session-feedback', 'session-invitation'].sort(),
    );
  });

  it.each(withManager.flatMap((t) => MAIL_LANGUAGES.map((lang) => [t, lang] as const)))(
    '%s (%s) escapes <b>Eve</b> in HTML and keeps it as text elsewhere',
    (template, lang) => {
      const mail = render(template, lang, { manager: { name: '<b>Eve</b>', email: 'eve@example.org' } });
      expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
      expect(mail.html).not.toContain('<b>Eve</b>');
      expect(mail.text).toContain('<b>Eve</b>');
      expect(mail.text).not.toContain('&lt;');
    },
  );

  it('escapes names in the digest table', () => {
    const managers = [
      {
        name: '<b>Eve</b>',
        email: 'eve@example.org',
        state: 'your-turn',
        turnOn: '2027-10-01',
        daysSinceTurn: 45,
      },
    ];
    const mail = render('managers-digest', 'es', { managers });
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Eve</b>');
  });
});
