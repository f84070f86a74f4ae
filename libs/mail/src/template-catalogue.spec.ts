import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatMessage, messageArguments } from '@cascade/i18n';
import { parseDefinition } from '@cascade/workflow';
import { MailTemplatesInvalid } from './errors';
import type { StringTable } from './helpers';
import { MAIL_LANGUAGES, type MailLanguage } from './languages';
import { loadCatalogue, MAIL_PARTS } from './template-catalogue';
import { TEMPLATES_DIR } from './templates-dir';

/** The templates the product needs: the workflow's own plus those its services send directly. */
const REQUIRED = [
  'invitation',
  'reminder',
  'nudge',
  'overdue-notice',
  'escalation',
  'extension-granted',
  'extension-refused',
  'late-entity-welcome',
  'statistics-received',
  'report-issued',
  'daily-digest',
  'question-answered',
  // The managers' cascade (workflows/manager-session.v1.yaml, and the Focal Points' weekly digest).
  'manager-your-turn',
  'manager-reminder',
  'manager-nudge',
  'session-invitation',
  'session-cancelled',
  'session-feedback',
  'session-record-reminder',
  'managers-digest',
];

const WORKFLOWS_DIR = path.resolve(__dirname, '../../../workflows');

function keysOf(table: StringTable, prefix = ''): string[] {
  return Object.entries(table).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`),
  );
}

function stringValues(table: StringTable): string[] {
  return Object.values(table).flatMap((v) => (typeof v === 'string' ? [v] : stringValues(v)));
}

describe('the templates folder', () => {
  const catalogue = loadCatalogue(TEMPLATES_DIR);

  it('is found next to the sources', () => {
    expect(TEMPLATES_DIR).toBe(path.resolve(__dirname, '../templates'));
  });

  it('holds every template the product sends, and nothing else', () => {
    expect([...catalogue.templates.keys()].sort()).toEqual([...REQUIRED].sort());
  });

  it.each(REQUIRED)(
    '%s has a non-empty subject, HTML and text part in every language, and a sample',
    (name) => {
      const t = catalogue.templates.get(name);
      if (!t) throw new Error(`no template ${name}`);
      for (const lang of MAIL_LANGUAGES) {
        for (const part of MAIL_PARTS) {
          expect(fs.existsSync(path.join(TEMPLATES_DIR, name, lang, `${part}.hbs`))).toBe(true);
          expect(t.parts[lang][part].trim()).not.toBe('');
        }
        expect(t.parts[lang].subject.trim()).not.toContain('\n');
      }
      expect(Object.keys(t.sample).length).toBeGreaterThan(0);
    },
  );

  it('has every template that a workflow definition names', () => {
    const named = new Set<string>();
    for (const file of fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.yaml'))) {
      const def = parseDefinition(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'), file);
      for (const t of def.transitions)
        for (const e of t.effects) if (e.type === 'mail') named.add(e.template);
      for (const timer of def.timers) if (timer.mail) named.add(timer.mail.template);
      for (const step of def.escalation?.steps ?? []) named.add(step.mail.template);
      if (def.escalation?.repeat?.mail) named.add(def.escalation.repeat.mail.template);
      if (def.digest) named.add(def.digest.template);
    }
    expect(named.size).toBeGreaterThanOrEqual(8);
    for (const name of named) expect(catalogue.templates.has(name)).toBe(true);
  });

  it('translates the shared chrome into every language, key for key', () => {
    const english = keysOf(catalogue.strings.en).sort();
    expect(english).toEqual(expect.arrayContaining(['greeting', 'footer.sentBy', 'state.overdue']));
    for (const lang of MAIL_LANGUAGES) {
      expect(keysOf(catalogue.strings[lang]).sort()).toEqual(english);
      for (const value of stringValues(catalogue.strings[lang])) expect(value.trim()).not.toBe('');
    }
    // A string left in English would be identical; only a name like "Code" may be.
    for (const lang of MAIL_LANGUAGES.filter((l) => l !== 'en')) {
      const same = keysOf(catalogue.strings.en).filter((k) => {
        const get = (t: StringTable) => k.split('.').reduce<unknown>((n, p) => (n as StringTable)[p], t);
        return get(catalogue.strings.en) === get(catalogue.strings[lang]);
      });
      expect(same).toEqual([]);
    }
  });

  it('keeps the placeholders of each shared string in every language', () => {
    const get = (t: StringTable, k: string) =>
      k.split('.').reduce<unknown>((n, p) => (n as StringTable)[p], t) as string;
    const placeholders = (lang: MailLanguage, k: string) =>
      [...new Set(messageArguments(lang, get(catalogue.strings[lang], k)))].sort();
    for (const key of keysOf(catalogue.strings.en)) {
      for (const lang of MAIL_LANGUAGES)
        expect([lang, key, placeholders(lang, key)]).toEqual([lang, key, placeholders('en', key)]);
    }
  });

  it('gives every partial an HTML and a text version, and a layout for both', () => {
    expect(Object.keys(catalogue.partials.html).sort()).toEqual(Object.keys(catalogue.partials.text).sort());
    expect(catalogue.layouts.html).toContain('{{> @partial-block}}');
    expect(catalogue.layouts.text).toContain('{{> @partial-block}}');
  });

  it('never uses the triple-stash, which would put data into HTML unescaped', () => {
    const sources = [
      ...[...catalogue.templates.values()].flatMap((t) =>
        MAIL_LANGUAGES.flatMap((l) => MAIL_PARTS.map((p) => t.parts[l][p])),
      ),
      catalogue.layouts.html,
      ...Object.values(catalogue.partials.html),
    ];
    for (const source of sources) expect(source).not.toMatch(/\{\{\{|\{\{&/);
  });

  it('writes every plural as an ICU message that formats in its language, in every branch', () => {
    let seen = 0;
    for (const t of catalogue.templates.values()) {
      for (const lang of MAIL_LANGUAGES) {
        for (const part of MAIL_PARTS) {
          for (const [call, message] of t.parts[lang][part].matchAll(/\{\{plural \S+ "([^"]*)"\}\}/g)) {
            seen++;
            expect([call, message]).toEqual([call, expect.stringMatching(/^\{count, plural, /)]);
            for (const count of [0, 1, 2, 5, 21])
              expect(formatMessage(lang, message, { count })).not.toBe('');
          }
          // The old hash form (`one="# day"`) would no longer render.
          expect(t.parts[lang][part]).not.toMatch(/\{\{plural [^}]*\b(one|other)=/);
        }
      }
    }
    expect(seen).toBeGreaterThanOrEqual(36);
  });
});

describe('loadCatalogue on a broken folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-templates-'));
    fs.cpSync(TEMPLATES_DIR, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists every missing file and bad sample at once', () => {
    fs.rmSync(path.join(dir, 'reminder/es/text.hbs'));
    fs.rmSync(path.join(dir, 'nudge/fr'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'invitation/sample.json'), '{ not json');
    fs.rmSync(path.join(dir, '_partials/materials.text.hbs'));
    let error: unknown;
    try {
      loadCatalogue(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MailTemplatesInvalid);
    const problems = (error as MailTemplatesInvalid).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'missing reminder/es/text.hbs',
        'missing nudge/fr/subject.hbs',
        'missing nudge/fr/html.hbs',
        'missing nudge/fr/text.hbs',
        expect.stringMatching(/^invitation\/sample.json is not valid JSON/),
        '_partials/materials.text.hbs is missing',
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('names a folder it cannot read', () => {
    expect(() => loadCatalogue(path.join(dir, 'nowhere'))).toThrow(/cannot read the folder/);
  });
});
