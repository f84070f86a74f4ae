import fs from 'node:fs';
import path from 'node:path';
import { FALLBACK_LANGUAGE, LANGUAGES, type Language } from './languages';

/** Nested strings of one language (`<lang>.json`), read with dotted keys. */
export interface StringTable {
  [key: string]: string | StringTable;
}

/** One table per language. */
export type StringTables = Record<Language, StringTable>;

/** The string at a dotted key of one table, or undefined. */
export function findString(table: StringTable, key: string): string | undefined {
  let node: string | StringTable | undefined = table;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A dotted key of one table, or an error naming the key and language. */
export function lookupString(table: StringTable, key: string, lang: string): string {
  const text = findString(table, key);
  if (text === undefined) throw new Error(`no string '${key}' for language '${lang}'`);
  return text;
}

/**
 * A dotted key in the language's table, else in the fallback language's: a language added with part of its
 * strings still shows a whole page. A key missing everywhere is a bug and names the language asked for.
 */
export function lookupWithFallback(
  table: StringTable,
  fallback: StringTable | undefined,
  key: string,
  lang: string,
): string {
  const text = findString(table, key) ?? (fallback ? findString(fallback, key) : undefined);
  if (text === undefined) throw new Error(`no string '${key}' for language '${lang}'`);
  return text;
}

/** Every key of a nested string table, dotted, sorted. */
export function stringKeys(table: StringTable, prefix = ''): string[] {
  return Object.entries(table)
    .flatMap(([key, value]) =>
      typeof value === 'string' ? [prefix + key] : stringKeys(value, `${prefix}${key}.`),
    )
    .sort();
}

/** The fallback language's table, the one `lookupWithFallback` falls back to. */
export function fallbackTable(tables: StringTables): StringTable {
  return tables[FALLBACK_LANGUAGE];
}

/**
 * Reads `<directory>/<lang>.json` for every language. Problems (a missing file, bad JSON, not an object) are
 * collected rather than thrown, so a caller can report every gap of a translation at once.
 */
export function readStringTables(directory: string): { tables: StringTables; problems: string[] } {
  const problems: string[] = [];
  const tables = {} as StringTables;
  for (const lang of LANGUAGES) {
    const file = path.join(directory, `${lang}.json`);
    const label = `${path.basename(directory)}/${lang}.json`;
    tables[lang] = {};
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      problems.push(`missing ${label}`);
      continue;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) tables[lang] = value as StringTable;
      else problems.push(`${label} is not a JSON object`);
    } catch (error) {
      problems.push(`${label} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return { tables, problems };
}

/** Like `readStringTables`, but any problem is an error (for renderers that fail at boot). */
export function loadStringTables(directory: string): StringTables {
  const { tables, problems } = readStringTables(directory);
  if (problems.length > 0) throw new Error(`string tables in ${directory}: ${problems.join('; ')}`);
  return tables;
}
