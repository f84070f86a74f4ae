import { readOrgTreeCsv } from '@cascade/dialogue';
import { generateEntityListTrees, readDemoEntities, treeEntityOf } from '../demo-entities';
import { NAME_GROUPS } from './name-lists';
import {
  DEFAULT_TREE_SEED,
  generateReportingTree,
  orgTreeCsv,
  staffAtScale,
  type ReportingTree,
  type TreePerson,
} from './reporting-tree';
import { stationProfile } from './station-profiles';
import { TREE_RULES } from './tree-shape';

const ENTITIES = readDemoEntities().map(treeEntityOf);

/** What a tree is, measured from its rows alone (no knowledge of how it was made). */
function measure(people: TreePerson[]) {
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const reports = new Map<string, number>();
  for (const p of people)
    if (p.managerEmail) reports.set(p.managerEmail, (reports.get(p.managerEmail) ?? 0) + 1);
  let depth = 0;
  let cycle = false;
  let unknownManager = false;
  for (const p of people) {
    let levels = 1;
    for (let m = p.managerEmail; m; m = byEmail.get(m)?.managerEmail ?? null) {
      if (!byEmail.has(m)) unknownManager = true;
      levels += 1;
      if (levels > people.length) {
        cycle = true;
        break;
      }
    }
    depth = Math.max(depth, levels);
  }
  return {
    roots: people.filter((p) => p.managerEmail === null).map((p) => p.email),
    distinctEmails: byEmail.size,
    spans: [...reports.values()],
    managersWithoutReports: people.filter((p) => p.isManager && !reports.has(p.email)).length,
    reportsOfNonManagers: people.filter((p) => !p.isManager && reports.has(p.email)).length,
    depth,
    cycle,
    unknownManager,
  };
}

describe('generated reporting trees of the 58 entities', () => {
  let trees: ReportingTree[];

  beforeAll(() => {
    trees = generateEntityListTrees();
  });

  it('has a tree per entity with exactly its staff, one Head first, every manager in it and no cycle', () => {
    expect(trees.map((t) => t.code)).toEqual(ENTITIES.map((e) => e.code));
    expect(trees).toHaveLength(58);
    trees.forEach((tree, i) => {
      const entity = ENTITIES[i];
      const m = measure(tree.people);
      expect({ code: tree.code, people: tree.people.length, distinct: m.distinctEmails }).toEqual({
        code: entity?.code,
        people: entity?.staff,
        distinct: entity?.staff,
      });
      expect(m.roots).toEqual([tree.people[0]?.email]);
      expect(tree.people[0]?.language).toBe(entity?.language);
      expect({ cycle: m.cycle, unknownManager: m.unknownManager }).toEqual({
        cycle: false,
        unknownManager: false,
      });
      expect({ without: m.managersWithoutReports, nonManagers: m.reportsOfNonManagers }).toEqual({
        without: 0,
        nonManagers: 0,
      });
    });
  });

  it('keeps spans of control within 3–30 with a few over 25 and a few under 10, and 3–7 levels', () => {
    for (const tree of trees) {
      const { spans, depth } = measure(tree.people);
      const summary = {
        code: tree.code,
        inRange: spans.every((s) => s >= TREE_RULES.minSpan && s <= TREE_RULES.maxSpan),
        depthOk: depth >= 3 && depth <= 7,
        someUnder10: spans.some((s) => s < 10),
        someOver25: spans.some((s) => s > 25),
      };
      // Every real entity has at least 15 staff, and 30 hold a team over 25 (Head, three reports, 26).
      expect(summary).toEqual({
        code: tree.code,
        inRange: true,
        depthOk: true,
        someUnder10: true,
        someOver25: tree.people.length >= 30,
      });
    }
    const all = trees.flatMap((t) => measure(t.people).spans);
    // "A few": well under one manager in ten over 25, and teams under 10 a minority.
    expect(all.filter((s) => s > 25).length / all.length).toBeLessThan(0.05);
    expect(all.filter((s) => s < 10).length / all.length).toBeLessThan(0.4);
  });

  it('gives unique lower-case addresses at the entity’s example.org domain and plausible names', () => {
    const groups = Object.values(NAME_GROUPS).map((g) => ({
      given: new Set(g.given.split(' ')),
      family: new Set(g.family.split(' ')),
    }));
    for (const tree of trees) {
      const domain = `@${tree.code.toLowerCase()}.example.org`;
      for (const person of tree.people) {
        if (
          !/^[a-z-]+\.[a-z-]+\d*@[a-z0-9-]+\.example\.org$/.test(person.email) ||
          !person.email.endsWith(domain)
        )
          throw new Error(`${tree.code}: address ${person.email}`);
        const [given, family] = person.name.split(' ');
        // Given and family name from the same region's list.
        if (!groups.some((g) => g.given.has(given as string) && g.family.has(family as string)))
          throw new Error(`${tree.code}: name ${person.name}`);
      }
    }
    const names = new Set(trees.flatMap((t) => t.people.map((p) => p.name)));
    expect(names.size).toBeGreaterThan(5_000);
  });

  it('speaks the duty station’s languages: French and English in Geneva and Kinshasa, Spanish in Santiago, Arabic in Beirut, Russian in Ashgabat', () => {
    const share = (code: string) => {
      const tree = trees.find((t) => t.code === code) as ReportingTree;
      const counts: Record<string, number> = {};
      for (const p of tree.people) counts[p.language] = (counts[p.language] ?? 0) + 1;
      return Object.fromEntries(Object.entries(counts).map(([l, n]) => [l, n / tree.people.length]));
    };
    expect(share('UNOG')).toEqual({
      en: expect.closeTo(0.5, 1),
      fr: expect.closeTo(0.42, 1),
      ru: expect.closeTo(0.04, 1),
      ar: expect.closeTo(0.02, 1),
      zh: expect.closeTo(0.02, 1),
    });
    expect(share('ESCWA')['ar']).toBeGreaterThan(0.35);
    expect(share('UNRCCA')['ru']).toBeGreaterThan(0.4);
    expect(share('MONUSCO')['fr']).toBeGreaterThan(0.6);
    expect(share('ECLAC')['es']).toBeGreaterThan(0.55);
    expect(share('DOS')['en']).toBeGreaterThan(0.8);
    // Nobody speaks a language their station's table does not list (the Head speaks the entity's).
    trees.forEach((tree, i) => {
      const entity = ENTITIES[i];
      const allowed = Object.keys(stationProfile(entity?.dutyStation ?? '').languages);
      const others = tree.people.slice(1).filter((p) => !allowed.includes(p.language));
      expect({ code: tree.code, others }).toEqual({ code: tree.code, others: [] });
    });
  });

  it('is read by the real org-tree import, row for row, for all 58 entities', () => {
    trees.forEach((tree, i) => {
      expect(readOrgTreeCsv(tree.csv, ENTITIES[i]?.language ?? 'en')).toEqual(tree.people);
    });
  });

  it('is the same byte for byte for the same seed, and another tree for another seed', () => {
    const again = generateEntityListTrees({ seed: DEFAULT_TREE_SEED });
    expect(again.map((t) => t.csv)).toEqual(trees.map((t) => t.csv));
    const other = generateEntityListTrees({ seed: DEFAULT_TREE_SEED + 1 });
    other.forEach((tree, i) => {
      expect(tree.csv).not.toBe(trees[i]?.csv);
      expect(tree.people.length).toBe(trees[i]?.people.length);
    });
    // Not only other names: other shapes.
    const heads = (ts: ReportingTree[]) => ts.map((t) => measure(t.people).spans.join());
    expect(heads(other)).not.toEqual(heads(trees));
  });

  it('makes ten times the staff at scale 10 (≈348,000 people), keeping the rules', () => {
    const started = Date.now();
    const big = generateEntityListTrees({ scale: 10 });
    const elapsed = Date.now() - started;
    const total = big.reduce((sum, t) => sum + t.people.length, 0);
    expect(total).toBe(ENTITIES.reduce((sum, e) => sum + e.staff * 10, 0));
    expect(total).toBe(347_700);
    for (const tree of big) {
      const { spans, depth, roots } = measure(tree.people);
      expect({
        code: tree.code,
        roots: roots.length,
        min: Math.min(...spans) >= 3,
        max: Math.max(...spans) <= 30,
      }).toEqual({ code: tree.code, roots: 1, min: true, max: true });
      expect(depth).toBeLessThanOrEqual(7);
    }
    // A loose bound, against a quadratic slip rather than to time a shared machine (it takes about half a second).
    expect(elapsed).toBeLessThan(15_000);
  });
});

describe('generateReportingTree', () => {
  const entity = { code: 'UN-Habitat', staff: 40, dutyStation: 'Nairobi', language: 'en' as const };

  it('gives tiny entities what fits: the Head alone, or the Head with everyone reporting directly', () => {
    expect(generateReportingTree({ ...entity, staff: 1 }).people).toEqual([
      expect.objectContaining({ managerEmail: null, isManager: false }),
    ]);
    const five = generateReportingTree({ ...entity, staff: 5 }).people;
    expect(five.map((p) => p.managerEmail === five[0]?.email)).toEqual([false, true, true, true, true]);
    expect(five[0]?.isManager).toBe(true);
    expect(staffAtScale(0)).toBe(1);
    expect(staffAtScale(15, 0.1)).toBe(2);
    expect(() => staffAtScale(10, 0)).toThrow(RangeError);
    expect(() => staffAtScale(-1)).toThrow(RangeError);
  });

  it('makes the code a domain and works for a station outside the table (English mostly)', () => {
    const tree = generateReportingTree({ ...entity, dutyStation: 'Reykjavik', staff: 400 });
    expect(tree.people.every((p) => p.email.endsWith('@un-habitat.example.org'))).toBe(true);
    expect(tree.people.filter((p) => p.language === 'en').length / 400).toBeGreaterThan(0.7);
  });

  it('writes CSV that quotes only what must be quoted, and reads back the same', () => {
    const people: TreePerson[] = [
      { name: 'Ng, "Joe"', email: 'joe@x.example.org', managerEmail: null, language: 'fr', isManager: true },
      {
        name: 'Ana',
        email: 'ana@x.example.org',
        managerEmail: 'joe@x.example.org',
        language: 'es',
        isManager: false,
      },
    ];
    const csv = orgTreeCsv(people);
    expect(csv).toBe(
      'name,email,manager_email,language,is_manager\n"Ng, ""Joe""",joe@x.example.org,,fr,yes\n' +
        'Ana,ana@x.example.org,joe@x.example.org,es,no\n',
    );
    expect(readOrgTreeCsv(csv, 'en')).toEqual(people);
  });
});
