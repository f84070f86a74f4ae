import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findString,
  loadStringTables,
  lookupString,
  lookupWithFallback,
  readStringTables,
  stringKeys,
} from './string-table';
import { LANGUAGES } from './languages';

const en = { greeting: 'Dear {name},', state: { overdue: 'Overdue', reported: 'Reported' } };
const fr = { greeting: 'Madame, Monsieur {name},', state: { overdue: 'En retard' } };

describe('lookup', () => {
  it('reads a dotted key', () => {
    expect(lookupString(en, 'state.overdue', 'en')).toBe('Overdue');
    expect(findString(en, 'greeting')).toBe('Dear {name},');
  });

  it('names the key and the language of a missing string, and of a key that is a group', () => {
    expect(() => lookupString(fr, 'state.reported', 'fr')).toThrow(
      "no string 'state.reported' for language 'fr'",
    );
    expect(() => lookupString(en, 'state', 'en')).toThrow("no string 'state' for language 'en'");
    expect(findString(en, 'greeting.more')).toBeUndefined();
  });

  it('falls back to the fallback table for a key the language lacks, and only then', () => {
    expect(lookupWithFallback(fr, en, 'state.overdue', 'fr')).toBe('En retard');
    expect(lookupWithFallback(fr, en, 'state.reported', 'fr')).toBe('Reported');
    expect(() => lookupWithFallback(fr, en, 'state.lost', 'fr')).toThrow(
      "no string 'state.lost' for language 'fr'",
    );
    expect(() => lookupWithFallback(fr, undefined, 'state.reported', 'fr')).toThrow(/state.reported/);
  });

  it('lists every key, dotted and sorted', () => {
    expect(stringKeys(en)).toEqual(['greeting', 'state.overdue', 'state.reported']);
  });
});

describe('reading tables', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i18n-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads one file per language', () => {
    for (const lang of LANGUAGES) fs.writeFileSync(path.join(dir, `${lang}.json`), `{"hello":"${lang}"}`);
    const tables = loadStringTables(dir);
    expect(tables).toEqual(Object.fromEntries(LANGUAGES.map((lang) => [lang, { hello: lang }])));
  });

  it('reports every problem at once, naming the folder and the file', () => {
    fs.writeFileSync(path.join(dir, 'en.json'), '{"a":');
    fs.writeFileSync(path.join(dir, 'fr.json'), '[1]');
    for (const lang of ['ar', 'zh', 'ru']) fs.writeFileSync(path.join(dir, `${lang}.json`), '{}');
    const { problems } = readStringTables(dir);
    const folder = path.basename(dir);
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${folder}/en.json is not valid JSON`)),
      `${folder}/fr.json is not a JSON object`,
      `missing ${folder}/es.json`,
    ]);
    expect(() => loadStringTables(dir)).toThrow(/missing .*es.json/);
  });
});
