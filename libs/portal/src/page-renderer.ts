import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { TemplateDelegate } from 'handlebars';
import {
  fallbackTable,
  formatDate,
  formatMessage,
  isCalendarDate,
  loadStringTables,
  lookupWithFallback,
  TEXT_DIRECTION,
  type Language,
  type StringTable,
  type StringTables,
} from '@cascade/i18n';
import { registerPageHelpers } from './page-helpers';

/** The pages: one per role, the answer to a link that is not (or no longer) valid, and the error page. */
export const PAGES = [
  'focal-point',
  'head-of-entity',
  'leader',
  'participants',
  'invalid-link',
  'error',
] as const;
export type PageName = (typeof PAGES)[number];

/**
 * `views/` beside the library's `src/`: `libs/portal/views` from source (ts-jest, tsx) and `dist/libs/portal/views`
 * from the build (tsc emits this module to `dist/libs/portal/src/`), which is why the api's build copies it there.
 */
export const VIEWS_DIR = path.resolve(__dirname, '../views');

export { stringKeys } from '@cascade/i18n';

/**
 * Renders the token-link pages: one template per page shared by the three languages, whose words come from
 * `strings/<lang>.json` through the `t` helper; an isolated Handlebars instance (nothing registered globally),
 * HTML-escaping every value. The style sheet is inlined and allowed by its hash in the Content-Security-Policy.
 */
export class PageRenderer {
  private readonly hb = Handlebars.create();
  private readonly pages = new Map<PageName, TemplateDelegate<unknown>>();
  private readonly tables: StringTables;
  private readonly css: string;
  private readonly script: string;
  readonly contentSecurityPolicy: string;

  static fromDirectory(directory: string = VIEWS_DIR): PageRenderer {
    return new PageRenderer(directory);
  }

  private constructor(readonly directory: string) {
    registerPageHelpers(this.hb);
    const read = (...parts: string[]) => fs.readFileSync(path.join(directory, ...parts), 'utf8');
    this.tables = loadStringTables(path.join(directory, 'strings'));
    this.css = read('portal.css');
    this.hb.registerPartial('layout', read('layout.hbs'));
    for (const file of fs.readdirSync(path.join(directory, 'partials')).sort()) {
      if (file.endsWith('.hbs')) this.hb.registerPartial(path.basename(file, '.hbs'), read('partials', file));
    }
    for (const page of PAGES) {
      this.pages.set(page, this.hb.compile(read('pages', `${page}.hbs`), { preventIndent: true }));
    }
    const styleHash = createHash('sha256').update(this.css, 'utf8').digest('base64');
    this.script = read('copy-link.js');
    const scriptHash = createHash('sha256').update(this.script, 'utf8').digest('base64');
    this.contentSecurityPolicy = [
      "default-src 'none'",
      `style-src 'sha256-${styleHash}'`,
      // The one optional script (copy buttons), allowed by its hash like the stylesheet.
      `script-src 'sha256-${scriptHash}'`,
      "img-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; ');
  }

  strings(lang: Language): StringTable {
    return this.tables[lang];
  }

  /** A string of the language (else English), placeholders filled (for text composed outside templates). */
  translate(lang: Language, key: string, values: Record<string, unknown> = {}): string {
    const text = lookupWithFallback(this.tables[lang], fallbackTable(this.tables), key, lang);
    return formatMessage(lang, text, values);
  }

  /** A long date; an instant with its time of day in `timeZone`, as the templates' `{{date x time="short"}}`. */
  formatDate(lang: Language, value: string | Date, timeZone = 'UTC'): string {
    // Text composed outside templates may quote a day as given ('2026-02-30'): show it rather than fail.
    try {
      return formatDate(value, lang, { timeZone, time: 'short' });
    } catch (error) {
      if (isCalendarDate(value)) return value;
      throw error;
    }
  }

  /** The page's HTML; `timeZone` is the entity's, for instants (submission times). */
  render(page: PageName, lang: Language, model: object, timeZone = 'UTC'): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`no page '${page}'`);
    return template(
      { ...model, css: new this.hb.SafeString(this.css), script: new this.hb.SafeString(this.script) },
      {
        data: {
          lang,
          dir: TEXT_DIRECTION[lang],
          strings: this.tables[lang],
          fallbackStrings: fallbackTable(this.tables),
          timeZone,
        },
      },
    );
  }

  /** Every `{{t "…"}}` key the templates use (for the test that each language has them all). */
  usedKeys(): string[] {
    const keys = new Set<string>();
    const scan = (source: string) => {
      for (const m of source.matchAll(/\{\{~?\s*\(?t\s+"([^"]+)"/g)) keys.add(m[1]);
      for (const m of source.matchAll(/\(t\s+"([^"]+)"/g)) keys.add(m[1]);
    };
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.hbs')) scan(fs.readFileSync(full, 'utf8'));
      }
    };
    walk(this.directory);
    return [...keys].sort();
  }
}
