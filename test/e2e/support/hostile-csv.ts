import fc from 'fast-check';
import { printable, type Fault, type HostileCase } from './hostile-cases';
import { BAD_CODES, BAD_ZONES, freeCode, KINDS, LANGUAGES, ZONES } from './hostile-entities';
import type { HostileFixture } from './hostile-fixture';
import { CONTROL, email, text, tooLong, words } from './hostile-values';

/**
 * CSV files for the two imports (the entity list, an entity's reporting tree): a valid file in some layout (BOM,
 * CRLF, blank lines, quoted cells, cells spanning lines, header case), then faults — in the header, in the
 * syntax, in a cell, across rows. The renderer counts lines as an editor does, which is how the answer must name
 * them (the header is line 1, blank lines count).
 */

type Row = Record<string, string>;

interface Layout {
  eol: '\n' | '\r\n';
  bom: boolean;
  leadingBlank: number;
  /** Blank lines after each row (cycled). */
  blanks: number[];
  /** Cells quoted even when they need not be (cycled by cell). */
  quotes: boolean[];
  /** Header names in upper or title case (the reader ignores case). */
  headerCase: 'lower' | 'upper' | 'title';
  trailingEol: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
  leadingBlank: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
  ),
  blanks: fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  ),
  quotes: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
  headerCase: fc.constantFrom('lower' as const, 'upper' as const, 'title' as const),
  trailingEol: fc.boolean(),
});

/** A file: header, rows (cells by column, or a raw line for broken syntax). */
interface CsvDoc {
  columns: string[];
  rows: (Row | { raw: string })[];
}

function quote(cell: string, force: boolean): string {
  // Spaces (and vertical tabs, form feeds) at an edge would be trimmed away unquoted.
  const needs = /[",\r\n]/.test(cell) || cell !== cell.trim();
  return needs || force ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The text of the file and the line each row starts on. */
function render(doc: CsvDoc, l: Layout): { text: string; lines: number[]; headerLine: number } {
  let out = l.bom ? '\ufeff' : '';
  let line = 1;
  out += l.eol.repeat(l.leadingBlank);
  line += l.leadingBlank;
  const headerLine = line;
  const cased = doc.columns.map((c) =>
    l.headerCase === 'upper'
      ? c.toUpperCase()
      : l.headerCase === 'title'
        ? c.charAt(0).toUpperCase() + c.slice(1)
        : c,
  );
  out += cased.map((c, i) => quote(c, l.quotes[i % l.quotes.length])).join(',');
  const lines: number[] = [];
  let cell = 0;
  doc.rows.forEach((row, i) => {
    out += l.eol;
    line += 1;
    const blank = l.blanks[i % l.blanks.length];
    out += l.eol.repeat(blank);
    line += blank;
    lines.push(line);
    const rendered =
      'raw' in row
        ? row.raw
        : doc.columns.map((c) => quote(row[c] ?? '', l.quotes[cell++ % l.quotes.length])).join(',');
    out += rendered;
    line += (rendered.match(/\r\n|\r|\n/g) ?? []).length;
  });
  if (l.trailingEol) out += l.eol;
  return { text: out, lines, headerLine };
}

/** What a fault does to a file, and what the answer must then name (lines are filled in once rendered). */
interface CsvFault {
  apply(doc: CsvDoc): void;
  /** Row indexes (0 = first data row; -1 = the header; undefined = any line) with the column named. */
  expect: { row?: number; field: string }[];
}

const cellFault = (row: number, field: string, value: string, extra: Row = {}): CsvFault => ({
  apply: (doc) => {
    const target = doc.rows[row];
    if ('raw' in target) return;
    target[field] = value;
    Object.assign(target, extra);
  },
  expect: [{ row, field }],
});

/** Text with a control character in the middle (at an edge, the CSV trim would drop some of them). */
const controlled = fc
  .tuple(words(20), fc.constantFrom(...CONTROL))
  .map(([w, c]) => `${w.slice(0, 1)}${c}${w.slice(1)}x`);

/** A row's cells on one line (a broken row is reported where it ends; one line keeps that its start). */
function flatCells(doc: CsvDoc, row: number): string[] {
  const target = doc.rows[row];
  return doc.columns.map((c) =>
    quote(('raw' in target ? '' : (target[c] ?? '')).replace(/[\r\n]+/g, ' '), false),
  );
}

const COLUMN_NAME = fc.stringMatching(/^[a-z_]{2,12}$/);

/** A header cell without a name: the answer calls it by its position, known once every fault is in. */
const BLANK_COLUMN = '(blank column)';

/** Faults of the file as a whole: columns, syntax, counts. Apply to any CSV import. */
function syntaxFaults(required: string[], optional: string[], rowCount: number): fc.Arbitrary<CsvFault>[] {
  const anyRow = fc.integer({ min: 0, max: rowCount - 1 });
  return [
    // A required column missing (from the header and every row).
    fc.constantFrom(...required).map((column) => ({
      apply: (doc: CsvDoc) => {
        doc.columns = doc.columns.filter((c) => c !== column);
      },
      expect: [{ row: -1, field: column }],
    })),
    // A column nobody knows, or one given twice, or one without a name.
    fc
      .tuple(
        fc.oneof(fc.constantFrom('email', 'phone', 'codes', 'time zone', 'langue'), COLUMN_NAME),
        words(10),
      )
      .filter(([c]) => ![...required, ...optional].includes(c))
      .map(([column, value]) => ({
        apply: (doc: CsvDoc) => {
          doc.columns.push(column);
          for (const r of doc.rows) if (!('raw' in r)) r[column] = value;
        },
        expect: [{ row: -1, field: column }],
      })),
    // (Twice more when absent: a missing-column fault on the same column must not cancel this one out.)
    fc.constantFrom(...required).map((column) => ({
      apply: (doc: CsvDoc) => {
        doc.columns.push(...(doc.columns.includes(column) ? [column] : [column, column]));
      },
      expect: [{ row: -1, field: column }],
    })),
    fc.constant({
      apply: (doc: CsvDoc) => {
        doc.columns.push('');
      },
      expect: [{ row: -1, field: BLANK_COLUMN }],
    }),
    // A row with a cell too many or too few.
    fc.tuple(anyRow, fc.boolean(), words(8)).map(([row, more, extra]) => ({
      apply: (doc: CsvDoc) => {
        const cells = flatCells(doc, row);
        doc.rows[row] = {
          raw: more ? [...cells, quote(extra, false)].join(',') : cells.slice(0, -1).join(','),
        };
      },
      expect: [{ row, field: 'csv' }],
    })),
    // A quote in the middle of an unquoted cell, or text after a closing quote.
    fc.tuple(anyRow, fc.constantFrom('ab"cd', '"ab"cd')).map(([row, cell]) => ({
      apply: (doc: CsvDoc) => {
        const cells = flatCells(doc, row);
        cells[1] = cell;
        doc.rows[row] = { raw: cells.join(',') };
      },
      expect: [{ row, field: 'csv' }],
    })),
    // A quote opened and never closed: the rest of the file is one cell.
    anyRow.map((row) => ({
      apply: (doc: CsvDoc) => {
        const cells = flatCells(doc, row);
        cells[0] = `"${cells[0].replace(/"/g, '')}`;
        doc.rows[row] = { raw: cells.join(',') };
      },
      expect: [{ row, field: 'csv' }],
    })),
  ];
}

/** Empty files, a lone BOM, blank lines: nothing to read. */
function emptyFiles(): fc.Arbitrary<{ text: string; faults: Fault[] }> {
  return fc
    .constantFrom('', '\ufeff', '\n', '\r\n\r\n', '   \n\t\n', '\ufeff\n\n')
    .map((text) => ({ text, faults: [{ field: 'csv' }] }));
}

/** The faults of a rendered file, with their lines and the blank column's position filled in. */
function located(doc: CsvDoc, faults: CsvFault[], lines: number[], headerLine: number): Fault[] {
  const blanks = doc.columns.flatMap((c, i) => (c === '' ? [`column ${i + 1}`] : []));
  return faults.flatMap((f) =>
    f.expect.flatMap((e) =>
      (e.field === BLANK_COLUMN ? blanks : [e.field]).map((field) => ({
        field,
        ...(e.row === undefined ? {} : { row: e.row === -1 ? headerLine : lines[e.row] }),
      })),
    ),
  );
}

function finish(doc: CsvDoc, l: Layout, faults: CsvFault[]): { text: string; faults: Fault[] } {
  for (const f of faults) f.apply(doc);
  const { text, lines, headerLine } = render(doc, l);
  return { text, faults: located(doc, faults, lines, headerLine) };
}

// ---------------------------------------------------------------------------------------------------------------
// The entity list

const ENTITY_REQUIRED = ['code', 'name', 'kind', 'duty_station', 'timezone', 'language'];
/** The entity's official names in the other languages: optional columns, each empty or a name. */
const NAME_COLUMNS = ['name_ar', 'name_zh', 'name_fr', 'name_ru', 'name_es'];
const ENTITY_OPTIONAL = ['illustrative_staff', 'head_name', 'head_email', 'focal_points', ...NAME_COLUMNS];

/** A name in another language: empty (its readers get the English name) or a name, on one line or two. */
const otherName = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 5, arbitrary: text(60) },
  { weight: 1, arbitrary: fc.tuple(words(20), words(20)).map(([a, b]) => `${a}\n${b}`) },
);

function entityRow(): fc.Arbitrary<Row> {
  return fc
    .record({
      code: freeCode(),
      name: fc.oneof(
        { weight: 5, arbitrary: text(60) },
        { weight: 1, arbitrary: fc.tuple(words(20), words(20)).map(([a, b]) => `${a}\n${b}`) },
      ),
      kind: fc.constantFrom(...KINDS),
      duty_station: text(40),
      timezone: fc.constantFrom(...ZONES, 'europe/zurich'),
      language: fc.constantFrom(...LANGUAGES),
      illustrative_staff: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 1_000_000 }).map(String)),
      head: fc.option(fc.tuple(text(60), email()), { nil: null }),
      focal_points: fc.array(fc.tuple(words(30), email()), { maxLength: 3 }),
      names: fc.array(otherName, { minLength: NAME_COLUMNS.length, maxLength: NAME_COLUMNS.length }),
    })
    .map((r) => ({
      code: r.code,
      name: r.name,
      kind: r.kind,
      duty_station: r.duty_station,
      timezone: r.timezone,
      language: r.language,
      illustrative_staff: r.illustrative_staff,
      head_name: r.head?.[0] ?? '',
      head_email: r.head?.[1] ?? '',
      focal_points: r.focal_points.map(([name, address]) => `${name} <${address}>`).join('|'),
      ...Object.fromEntries(NAME_COLUMNS.map((column, i) => [column, r.names[i]])),
    }));
}

function entityCellFaults(rowCount: number): fc.Arbitrary<CsvFault>[] {
  const row = fc.integer({ min: 0, max: rowCount - 1 });
  const blank = fc.constantFrom('', ' ', '""');
  return [
    fc
      .tuple(
        row,
        fc.oneof(
          fc.constantFrom(...BAD_CODES),
          tooLong(30).map((s) => s.replace(/[^a-zA-Z]/g, 'Q')),
          controlled,
        ),
      )
      .map(([r, v]) => cellFault(r, 'code', v === '""' ? '' : v)),
    fc
      .tuple(row, fc.oneof(blank, tooLong(300), controlled))
      .map(([r, v]) => cellFault(r, 'name', v === '""' ? '' : v)),
    // A name in another language is checked as the English one (blank is no fault: it clears the name).
    fc
      .tuple(row, fc.constantFrom(...NAME_COLUMNS), fc.oneof(tooLong(300), controlled))
      .map(([r, column, v]) => cellFault(r, column, v)),
    fc
      .tuple(row, fc.constantFrom('Office', 'political mission', 'a', 'x1', '', 'OFFICE'))
      .map(([r, v]) => cellFault(r, 'kind', v)),
    fc
      .tuple(row, fc.oneof(blank, tooLong(100), controlled))
      .map(([r, v]) => cellFault(r, 'duty_station', v === '""' ? '' : v)),
    fc
      .tuple(row, fc.constantFrom(...BAD_ZONES, '', 'Europe/Zürich'))
      .map(([r, v]) => cellFault(r, 'timezone', v)),
    // A bad language also leaves the row's Focal Points without one.
    fc.tuple(row, fc.constantFrom('EN', 'de', 'english', '', 'en-GB', 'e n')).map(([r, v]) => ({
      ...cellFault(r, 'language', v),
      expect: [
        { row: r, field: 'language' },
        { row: r, field: 'focal_points' },
      ],
    })),
    fc
      .tuple(row, fc.constantFrom('-1', '1.5', 'abc', '1e3', '99999999999', '1000001', '１２', '12 000'))
      .map(([r, v]) => cellFault(r, 'illustrative_staff', v)),
    // A Head's name without the address, an address without the name, a bad one of the two.
    fc.tuple(row, text(40)).map(([r, name]) => ({ ...cellFault(r, 'head_email', '', { head_name: name }) })),
    fc.tuple(row, email()).map(([r, address]) => ({
      ...cellFault(r, 'head_name', '', { head_email: address }),
      expect: [{ row: r, field: 'head_name' }],
    })),
    fc
      .tuple(
        row,
        text(40),
        fc.constantFrom('plainaddress', 'a@', '@example.org', 'a b@example.org', 'a@example'),
      )
      .map(([r, name, bad]) => cellFault(r, 'head_email', bad, { head_name: name })),
    fc
      .tuple(row, tooLong(200), email())
      .map(([r, name, address]) => cellFault(r, 'head_name', name, { head_email: address })),
    // Focal Points that are not "Name <address>".
    fc
      .tuple(
        row,
        fc.constantFrom(
          'Ana Silva',
          'Ana <not-an-address>',
          'Ana <a@b>',
          '<a@example.org> Ana',
          'Ana a@example.org',
        ),
      )
      .map(([r, v]) => cellFault(r, 'focal_points', v)),
  ];
}

/** The same code twice (any case): the later line is named. */
function duplicateCode(rowCount: number): fc.Arbitrary<CsvFault> {
  return fc
    .tuple(fc.integer({ min: 0, max: rowCount - 1 }), fc.integer({ min: 0, max: rowCount - 1 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => {
      const [first, later] = a < b ? [a, b] : [b, a];
      return {
        apply: (doc: CsvDoc) => {
          const source = doc.rows[first];
          const target = doc.rows[later];
          if (!('raw' in source) && !('raw' in target)) target['code'] = source['code'].toLowerCase();
        },
        expect: [{ row: later, field: 'code' }],
      };
    });
}

function entityDocs(): fc.Arbitrary<{ text: string; faults: Fault[] }> {
  const built = fc
    .tuple(
      fc.oneof(
        {
          weight: 9,
          arbitrary: fc.uniqueArray(entityRow(), {
            minLength: 1,
            maxLength: 25,
            selector: (r) => r.code.toUpperCase(),
          }),
        },
        // A big file: thousands of rows made from one, a fault somewhere among them.
        {
          weight: 1,
          arbitrary: fc
            .tuple(entityRow(), fc.integer({ min: 1000, max: 4000 }))
            .map(([row, n]) => Array.from({ length: n }, (_, i) => ({ ...row, code: `BIG-${i}` }))),
        },
      ),
      fc.subarray(ENTITY_OPTIONAL),
      layout,
    )
    .chain(([rows, chosenOptional, l]) => {
      // The Head's name and address go together: one without the other is a fault, not a layout.
      const head = chosenOptional.some((c) => c.startsWith('head_'));
      const optional = ENTITY_OPTIONAL.filter(
        (c) => chosenOptional.includes(c) || (head && c.startsWith('head_')),
      );
      const faults = [
        ...syntaxFaults(ENTITY_REQUIRED, ENTITY_OPTIONAL, rows.length),
        ...entityCellFaults(rows.length),
      ];
      if (rows.length > 1) faults.push(duplicateCode(rows.length));
      return fc.array(fc.oneof(...faults), { minLength: 1, maxLength: 3 }).map((chosen) => {
        // Only the optional columns chosen are written, unless a fault fills one in (a Head, a Focal Point).
        const used = new Set([...ENTITY_REQUIRED, ...optional]);
        const doc: CsvDoc = { columns: [...ENTITY_REQUIRED, ...optional], rows: structuredClone(rows) };
        for (const r of doc.rows as Row[]) for (const c of ENTITY_OPTIONAL) if (!used.has(c)) delete r[c];
        for (const f of chosen)
          for (const e of f.expect)
            if (ENTITY_OPTIONAL.includes(e.field) && !doc.columns.includes(e.field))
              doc.columns.push(e.field);
        if (chosen.some((f) => f.expect.some((e) => e.field === 'head_name' || e.field === 'head_email')))
          for (const c of ['head_name', 'head_email']) if (!doc.columns.includes(c)) doc.columns.push(c);
        return finish(doc, l, chosen);
      });
    });
  return fc.oneof({ weight: 12, arbitrary: built }, { weight: 1, arbitrary: emptyFiles() });
}

// ---------------------------------------------------------------------------------------------------------------
// An entity's reporting tree

const TREE_REQUIRED = ['name', 'email', 'manager_email'];
const TREE_OPTIONAL = ['language', 'is_manager'];

interface Person {
  name: string;
  email: string;
  manager: number | null;
  language: string;
  isManager: string;
}

/** A forest: each person's manager comes before them, so there is no cycle; `is_manager` agrees with the lines. */
function tree(): fc.Arbitrary<Person[]> {
  return fc
    .array(
      fc.record({
        name: text(60),
        local: fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
        managerPick: fc.option(fc.nat(), { nil: null }),
        language: fc.constantFrom('', 'ar', 'zh', 'en', 'fr', 'ru', 'es', 'EN', 'Fr', 'AR'),
        flag: fc.constantFrom('', 'yes', 'y', 'true', '1', 'oui', 'sí', 'no', 'n', 'false', '0', 'non'),
      }),
      { minLength: 1, maxLength: 25 },
    )
    .map((raw) => {
      const people: Person[] = raw.map((p, i) => ({
        name: p.name,
        email: `${p.local}.${i}@hst.example.org`,
        manager: i === 0 || p.managerPick === null ? null : p.managerPick % i,
        language: p.language,
        isManager: p.flag,
      }));
      const hasReports = new Set(people.map((p) => p.manager).filter((m): m is number => m !== null));
      for (const [i, p] of people.entries()) {
        const no = ['no', 'n', 'false', '0', 'non'].includes(p.isManager);
        if (no && hasReports.has(i)) p.isManager = '';
      }
      return people;
    });
}

function rowsOf(people: Person[]): Row[] {
  return people.map((p) => ({
    name: p.name,
    email: p.email,
    manager_email: p.manager === null ? '' : people[p.manager].email,
    language: p.language,
    is_manager: p.isManager,
  }));
}

/**
 * People whose chain of managers never reaches the top (the importer names each of their lines). With the same
 * address twice, the later line's manager is the one followed, as in the importer.
 */
function inCycles(rows: Row[]): number[] {
  const lower = (v: string | undefined) => (v ?? '').trim().toLowerCase();
  const managerOf = new Map(rows.map((r) => [lower(r['email']), lower(r['manager_email']) || null]));
  const flagged: number[] = [];
  rows.forEach((r, i) => {
    const seen = new Set([lower(r['email'])]);
    for (let m = lower(r['manager_email']) || null; m; m = managerOf.get(m) ?? null) {
      if (seen.has(m)) {
        flagged.push(i);
        break;
      }
      seen.add(m);
    }
  });
  return flagged;
}

function treeFaults(people: Person[]): fc.Arbitrary<CsvFault>[] {
  const n = people.length;
  const row = fc.integer({ min: 0, max: n - 1 });
  const leaves = people.map((_, i) => i).filter((i) => !people.some((p) => p.manager === i));
  const ancestors = (i: number) => {
    const out = new Set<number>();
    for (let m = people[i].manager; m !== null; m = people[m].manager) out.add(m);
    return out;
  };
  const faults: fc.Arbitrary<CsvFault>[] = [
    fc
      .tuple(row, fc.oneof(fc.constantFrom('', ' '), tooLong(200), controlled))
      .map(([r, v]) => cellFault(r, 'name', v)),
    fc
      .tuple(row, fc.constantFrom('de', 'english', 'en-GB', 'e n', 'français'))
      .map(([r, v]) => cellFault(r, 'language', v)),
    fc
      .tuple(row, fc.constantFrom('maybe', '2', 'yes!', 'oui?', 'si no', 'manager'))
      .map(([r, v]) => cellFault(r, 'is_manager', v)),
    // A bad manager address, or one of nobody in the file.
    fc
      .tuple(row, fc.constantFrom('plainaddress', 'a@', 'boss@', '<boss@hst.example.org>'))
      .map(([r, v]) => cellFault(r, 'manager_email', v)),
    fc.tuple(row, email()).map(([r, v]) => cellFault(r, 'manager_email', v.replace('@', '.nobody@'))),
  ];
  if (leaves.length > 0) {
    const leaf = fc.constantFrom(...leaves);
    // A bad address (a leaf's: nobody's manager line points at it).
    faults.push(
      fc
        .tuple(leaf, fc.constantFrom('plainaddress', 'a@', '@hst.example.org', 'a b@hst.example.org', ''))
        .map(([r, v]) => cellFault(r, 'email', v)),
    );
    // The same address twice (in another case): the later line is named. Never an ancestor's, which would loop.
    const pairs = leaves.flatMap((l) =>
      people
        .map((_, other) => [l, other] as const)
        .filter(([, other]) => other !== l && !ancestors(l).has(other)),
    );
    if (pairs.length > 0)
      faults.push(
        fc.constantFrom(...pairs).map(([l, other]) => ({
          apply: (doc: CsvDoc) => {
            const target = doc.rows[l];
            if ('raw' in target) return;
            // The other line's address as the file has it now: two such faults that chose each other's line
            // would otherwise swap two addresses, which is a valid file.
            const source = doc.rows[other];
            target['email'] = ('raw' in source ? people[other].email : source['email']).toUpperCase();
            // Sharing an address with someone who has reports must not make an explicit "no" wrong as well.
            target['is_manager'] = '';
          },
          // The later line of the pair is named; when two faults give one address to several lines, every line
          // after its first is, so either line of this pair may be blamed.
          expect: [
            { row: Math.max(l, other), field: 'email' },
            { row: Math.min(l, other), field: 'email' },
          ],
        })),
      );
  }
  // Someone with reports marked as not a manager.
  const managers = people.map((_, i) => i).filter((i) => people.some((p) => p.manager === i));
  if (managers.length > 0) {
    faults.push(
      fc
        .tuple(fc.constantFrom(...managers), fc.constantFrom('no', 'n', 'false', '0', 'non', 'NO'))
        .map(([r, v]) => cellFault(r, 'is_manager', v)),
    );
  }
  // One's own manager, or a loop through someone below: every line whose chain then loops is named.
  faults.push(
    fc.tuple(row, fc.nat()).map(([r, pick]) => {
      const below = people.map((_, i) => i).filter((i) => i === r || ancestors(i).has(r));
      const target = below[pick % below.length];
      return {
        apply: (doc: CsvDoc) => {
          const [from, to] = [doc.rows[r], doc.rows[target]];
          if ('raw' in from || 'raw' in to) return;
          from['manager_email'] = to['email'];
          // The new manager line must not contradict an explicit "no".
          if (['no', 'n', 'false', '0', 'non'].includes((to['is_manager'] ?? '').toLowerCase()))
            to['is_manager'] = '';
        },
        expect: [{ row: r, field: 'manager_email' }],
      };
    }),
  );
  return faults;
}

function treeDocs(): fc.Arbitrary<{ text: string; faults: Fault[] }> {
  const built = fc.tuple(tree(), fc.subarray(TREE_OPTIONAL), layout).chain(([people, optional, l]) =>
    fc
      .array(fc.oneof(...syntaxFaults(TREE_REQUIRED, TREE_OPTIONAL, people.length), ...treeFaults(people)), {
        minLength: 1,
        maxLength: 3,
      })
      .map((chosen) => {
        const rows = rowsOf(people);
        // Optional columns left out lose their cells, unless a fault writes one.
        const columns = [...TREE_REQUIRED, ...optional];
        for (const f of chosen)
          for (const e of f.expect)
            if (TREE_OPTIONAL.includes(e.field) && !columns.includes(e.field)) columns.push(e.field);
        const doc: CsvDoc = { columns, rows };
        for (const r of rows) for (const c of TREE_OPTIONAL) if (!columns.includes(c)) delete r[c];
        for (const f of chosen) f.apply(doc);
        const loops =
          doc.rows.every((r) => !('raw' in r)) && doc.columns.includes('manager_email')
            ? inCycles(doc.rows as Row[])
            : [];
        const { text, lines, headerLine } = render(doc, l);
        const faults = located(doc, chosen, lines, headerLine);
        for (const i of loops) faults.push({ field: 'manager_email', row: lines[i] });
        return { text, faults };
      }),
  );
  return fc.oneof({ weight: 12, arbitrary: built }, { weight: 1, arbitrary: emptyFiles() });
}

export function csvSurfaces(f: HostileFixture): Record<string, fc.Arbitrary<HostileCase>> {
  const asCase = (surface: string, path: string) => (doc: { text: string; faults: Fault[] }) =>
    printable({
      surface,
      method: 'POST',
      path,
      body: doc.text,
      contentType: 'text/csv',
      admin: true,
      answer: 'json',
      // A file with nothing in it is named as such, by the file or by the list it should have held.
      faults: doc.faults.length ? doc.faults : [{ field: 'csv' }],
    });
  return {
    'POST /api/entities/import (CSV)': entityDocs().map(
      asCase('import entities as CSV', '/api/entities/import'),
    ),
    'POST .../:code/org-tree (CSV)': treeDocs().map(
      asCase('import a reporting tree', `/api/dialogues/${f.year}/entities/${f.code}/org-tree`),
    ),
  };
}
