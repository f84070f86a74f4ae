import Handlebars from 'handlebars';
import type { TemplateDelegate } from 'handlebars';
import { fallbackTable, TEXT_DIRECTION } from '@cascade/i18n';
import { isValidZone } from '@cascade/workflow';
import { MailRenderError, MailTemplatesInvalid, UnknownLanguage, UnknownTemplate } from './errors';
import { headerSafe, sanitizeData } from './header-safe';
import { HELPER_NAMES, registerHelpers, type MailFrame } from './helpers';
import { MAIL_LANGUAGES, isMailLanguage, type MailLanguage } from './languages';
import {
  loadCatalogue,
  MAIL_PARTS,
  type BodyPart,
  type MailPart,
  type TemplateCatalogue,
} from './template-catalogue';
import { templateReferences } from './template-variables';
import { TEMPLATES_DIR } from './templates-dir';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  /** IANA zone of the recipient: instants are shown as the day and time they are there. */
  timeZone: string;
}

export interface MailRendererOptions {
  /**
   * Fail on any variable the data lacks — including the ones tested by `{{#if}}`, which must then be given
   * explicitly (null for "none") — instead of rendering it empty. Tests use it; it is off by default so that
   * an optional value (a later-added field, say) may simply be left out.
   */
  strict?: boolean;
}

type Compiled = TemplateDelegate<unknown>;

// Subjects and text parts are not HTML: escaping them would put "&amp;" in front of people.
const PLAIN = { noEscape: true } as const;

export class MailRenderer {
  private readonly hb = Handlebars.create();
  private readonly strict: boolean;
  private readonly cache = new Map<string, Compiled>();
  private readonly partials: Record<BodyPart, Record<string, Compiled>> = { html: {}, text: {} };

  static fromDirectory(directory: string = TEMPLATES_DIR, options: MailRendererOptions = {}): MailRenderer {
    return new MailRenderer(loadCatalogue(directory), options);
  }

  constructor(
    private readonly catalogue: TemplateCatalogue,
    options: MailRendererOptions = {},
  ) {
    this.strict = options.strict ?? false;
    registerHelpers(this.hb, { strict: this.strict });
    this.checkSyntax();
    for (const part of ['html', 'text'] as const) {
      this.partials[part]['layout'] = this.compile(catalogue.layouts[part], part);
      for (const [name, source] of Object.entries(catalogue.partials[part])) {
        this.partials[part][name] = this.compile(source, part);
      }
    }
  }

  /** Template names, sorted. */
  templates(): string[] {
    return [...this.catalogue.templates.keys()].sort();
  }

  languages(): readonly MailLanguage[] {
    return MAIL_LANGUAGES;
  }

  /** A copy of the template's sample data (`sample.json`). */
  sample(template: string): Record<string, unknown> {
    return structuredClone(this.sources(template).sample);
  }

  /**
   * Every data path the template uses in any language, layout and partials included, sorted: what the caller
   * must put in the data. `entities[].code` is the `code` of each item of `entities`.
   */
  variables(template: string): string[] {
    const helpers = new Set([...HELPER_NAMES, ...Object.keys(this.hb.helpers)]);
    const paths = new Set<string>();
    const seenPartials = new Set<string>();
    const visit = (source: string) => {
      const refs = templateReferences(source, helpers);
      refs.paths.forEach((p) => paths.add(p));
      for (const name of refs.partials) {
        if (seenPartials.has(name)) continue;
        seenPartials.add(name);
        if (name === 'layout')
          for (const part of ['html', 'text'] as const) visit(this.catalogue.layouts[part]);
        else for (const part of ['html', 'text'] as const) visit(this.catalogue.partials[part][name] ?? '');
      }
    };
    const sources = this.sources(template);
    for (const lang of MAIL_LANGUAGES) for (const part of MAIL_PARTS) visit(sources.parts[lang][part]);
    return [...paths].sort();
  }

  render(template: string, lang: MailLanguage, data: object, options: RenderOptions): RenderedMail {
    const sources = this.sources(template);
    if (!isMailLanguage(lang)) throw new UnknownLanguage(String(lang), MAIL_LANGUAGES);
    if (!isValidZone(options.timeZone)) {
      throw new RangeError(`Unknown time zone '${options.timeZone}' for mail '${template}'`);
    }
    const clean = sanitizeData({ ...data });
    const dir = TEXT_DIRECTION[lang];
    const frame: MailFrame = {
      lang,
      dir,
      start: dir === 'rtl' ? 'right' : 'left',
      end: dir === 'rtl' ? 'left' : 'right',
      timeZone: options.timeZone,
      strings: this.catalogue.strings[lang],
      fallbackStrings: fallbackTable(this.catalogue.strings),
    };

    const run = (part: MailPart, data: MailFrame): string => {
      const fn = this.compiled(template, lang, part, sources.parts[lang][part]);
      try {
        return fn(clean, part === 'subject' ? { data } : { data, partials: this.partials[part] });
      } catch (error) {
        throw new MailRenderError(template, lang, part, (error as Error).message);
      }
    };

    const subject = headerSafe(run('subject', frame));
    if (!subject) throw new MailRenderError(template, lang, 'subject', 'the subject rendered empty');
    const withSubject = { ...frame, subject };
    return { subject, html: run('html', withSubject), text: tidyText(run('text', withSubject)) };
  }

  private sources(template: string) {
    const sources = this.catalogue.templates.get(template);
    if (!sources) throw new UnknownTemplate(template, this.templates());
    return sources;
  }

  private compiled(template: string, lang: MailLanguage, part: MailPart, source: string): Compiled {
    const key = `${template}/${lang}/${part}`;
    let fn = this.cache.get(key);
    if (!fn) this.cache.set(key, (fn = this.compile(source, part)));
    return fn;
  }

  private compile(source: string, part: MailPart): Compiled {
    // trackIds lets strict helpers name the missing variable instead of saying "argument 1".
    const options = { strict: this.strict, trackIds: this.strict, ...(part === 'html' ? {} : PLAIN) };
    return this.hb.compile(source, options as CompileOptions);
  }

  private checkSyntax(): void {
    const problems: string[] = [];
    const check = (label: string, source: string) => {
      try {
        this.hb.parse(source);
      } catch (error) {
        problems.push(`${label}: ${(error as Error).message.split('\n')[0]}`);
      }
    };
    const { templates, layouts, partials } = this.catalogue;
    for (const t of templates.values()) {
      for (const lang of MAIL_LANGUAGES)
        for (const part of MAIL_PARTS) check(`${t.name}/${lang}/${part}.hbs`, t.parts[lang][part]);
    }
    for (const part of ['html', 'text'] as const) {
      check(`_layout/${part}.hbs`, layouts[part]);
      for (const [name, source] of Object.entries(partials[part]))
        check(`_partials/${name}.${part}.hbs`, source);
    }
    if (problems.length > 0) throw new MailTemplatesInvalid(this.catalogue.directory, problems);
  }
}

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

/** Template whitespace is for the author: drop trailing spaces and keep at most one blank line in a row. */
function tidyText(text: string): string {
  return (
    text
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
