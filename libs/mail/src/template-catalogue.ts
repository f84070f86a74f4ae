import fs from 'node:fs';
import path from 'node:path';
import { MailTemplatesInvalid } from './errors';
import { readStringTables, type StringTables } from '@cascade/i18n';
import { MAIL_LANGUAGES, type MailLanguage } from './languages';

export const MAIL_PARTS = ['subject', 'html', 'text'] as const;
export type MailPart = (typeof MAIL_PARTS)[number];

/** Parts of a layout or partial: the subject has no chrome. */
export type BodyPart = Exclude<MailPart, 'subject'>;

export interface TemplateSources {
  name: string;
  /** Sources per language and part. */
  parts: Record<MailLanguage, Record<MailPart, string>>;
  /** `sample.json`: realistic data, used by the tests and for previews. */
  sample: Record<string, unknown>;
}

/** Everything in a templates folder, read once into memory. */
export interface TemplateCatalogue {
  directory: string;
  templates: Map<string, TemplateSources>;
  /** `_layout/html.hbs` and `_layout/text.hbs`. */
  layouts: Record<BodyPart, string>;
  /** `_partials/<name>.<part>.hbs`: each partial exists for the HTML and the text part. */
  partials: Record<BodyPart, Record<string, string>>;
  /** `_strings/<lang>.json`: the shared chrome (greeting, footer, labels). */
  strings: StringTables;
}

const TEMPLATE_NAME = /^[a-z][a-z0-9-]*$/;
const PARTIAL_FILE = /^([a-z][a-z0-9-]*)\.(html|text)\.hbs$/;

/** Reads files of one templates folder, collecting every problem instead of stopping at the first. */
class FolderReader {
  readonly problems: string[] = [];

  constructor(readonly directory: string) {}

  read(rel: string): string | undefined {
    try {
      return fs.readFileSync(path.join(this.directory, rel), 'utf8');
    } catch {
      this.problems.push(`missing ${rel}`);
      return undefined;
    }
  }

  readJson(rel: string): Record<string, unknown> | undefined {
    const text = this.read(rel);
    if (text === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
      this.problems.push(`${rel} is not a JSON object`);
    } catch (error) {
      this.problems.push(`${rel} is not valid JSON: ${(error as Error).message}`);
    }
    return undefined;
  }
}

/**
 * Reads a templates folder: `<template>/<lang>/{subject,html,text}.hbs` plus `<template>/sample.json`, and
 * the `_layout`, `_partials` and `_strings` folders. Every gap is collected and reported at once, so an
 * incomplete translation stops the process at boot rather than at the first mail in that language.
 */
export function loadCatalogue(directory: string): TemplateCatalogue {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new MailTemplatesInvalid(directory, [`cannot read the folder: ${(error as Error).message}`]);
  }
  const reader = new FolderReader(directory);
  const templates = readTemplates(reader, entries);
  const layouts = {
    html: reader.read('_layout/html.hbs') ?? '',
    text: reader.read('_layout/text.hbs') ?? '',
  };
  const partials = readPartials(reader);
  const { tables: strings, problems: stringProblems } = readStringTables(path.join(directory, '_strings'));
  const problems = [...reader.problems, ...stringProblems];
  if (problems.length > 0) throw new MailTemplatesInvalid(directory, problems);
  return { directory, templates, layouts, partials, strings };
}

function readTemplates(reader: FolderReader, entries: fs.Dirent[]): Map<string, TemplateSources> {
  const templates = new Map<string, TemplateSources>();
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
    if (!TEMPLATE_NAME.test(entry.name)) {
      reader.problems.push(`'${entry.name}' is not a template name (lower-case letters, digits and dashes)`);
      continue;
    }
    const parts = {} as Record<MailLanguage, Record<MailPart, string>>;
    for (const lang of MAIL_LANGUAGES) {
      parts[lang] = {} as Record<MailPart, string>;
      for (const part of MAIL_PARTS)
        parts[lang][part] = reader.read(`${entry.name}/${lang}/${part}.hbs`) ?? '';
    }
    templates.set(entry.name, {
      name: entry.name,
      parts,
      sample: reader.readJson(`${entry.name}/sample.json`) ?? {},
    });
  }
  return templates;
}

/** `_partials/<name>.{html,text}.hbs`: every partial in both bodies. */
function readPartials(reader: FolderReader): Record<BodyPart, Record<string, string>> {
  const partials: Record<BodyPart, Record<string, string>> = { html: {}, text: {} };
  let partialFiles: string[] = [];
  try {
    partialFiles = fs.readdirSync(path.join(reader.directory, '_partials'));
  } catch {
    // No partials is a valid setup.
  }
  for (const file of partialFiles) {
    const m = PARTIAL_FILE.exec(file);
    if (!m) {
      reader.problems.push(`_partials/${file}: expected <name>.html.hbs or <name>.text.hbs`);
      continue;
    }
    if (m[1] === 'layout') {
      reader.problems.push(`_partials/${file}: 'layout' is the name the layout is given at render time`);
      continue;
    }
    partials[m[2] as BodyPart][m[1]] = reader.read(`_partials/${file}`) ?? '';
  }
  for (const [part, other] of [
    ['html', 'text'],
    ['text', 'html'],
  ] as const) {
    for (const name of Object.keys(partials[part])) {
      if (!(name in partials[other])) reader.problems.push(`_partials/${name}.${other}.hbs is missing`);
    }
  }
  return partials;
}
