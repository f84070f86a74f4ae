import type { Language } from '@cascade/dialogue';
import { NAMES, type ListedName, type NameGroup } from './name-lists';
import { SeededRandom, WeightedTable } from './seeded-random';
import { internationalNames, LOCAL_SHARE, stationProfile, type StationProfile } from './station-profiles';
import { treeShape } from './tree-shape';

/** What the generator needs of an entity (the columns of the entity list). */
export interface TreeEntity {
  code: string;
  /** The entity's `illustrative_staff`: the people of its tree, Head included (times `scale`). */
  staff: number;
  dutyStation: string;
  /** The entity's working language: the Head's. */
  language: Language;
}

/** One row of a reporting tree, as `readOrgTreeCsv` returns it. */
export interface TreePerson {
  name: string;
  email: string;
  managerEmail: string | null;
  language: Language;
  isManager: boolean;
}

export interface ReportingTree {
  code: string;
  /** Head first, then each manager followed by their team, depth first (as an organisation chart reads). */
  people: TreePerson[];
  /** The same rows as the org-tree import takes them: `name,email,manager_email,language,is_manager`. */
  csv: string;
}

export interface TreeOptions {
  /** Same seed, same tree, byte for byte. */
  seed?: number;
  /** Multiplies every entity's staff (10 makes the benchmark's ~348,000 people); at least one person each. */
  scale?: number;
}

/** The seed of the demo's trees (and the default): change it and every name and team changes. */
export const DEFAULT_TREE_SEED = 2026;

/** An entity's mail domain: `<code-slug>.example.org` (example.org is reserved, so no mail leaves by mistake). */
export function entityDomain(code: string): string {
  return `${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.org`;
}

/** The people of an entity's tree at a scale: its staff times the scale, rounded, and never fewer than one. */
export function staffAtScale(staff: number, scale = 1): number {
  if (!Number.isFinite(staff) || staff < 0 || !Number.isFinite(scale) || scale <= 0)
    throw new RangeError(`staff ${staff} at scale ${scale} is not a tree size`);
  return Math.max(1, Math.round(staff * scale));
}

/**
 * A plausible reporting tree for one entity, the same for the same seed: see tree-shape.ts for its shape
 * (3–7 levels, teams of 3–30 with a few over 25 and a few under 10), station-profiles.ts for its languages and
 * names. Addresses are unique and lower-case, at the entity's example.org domain.
 */
export function generateReportingTree(
  entity: TreeEntity,
  { seed = DEFAULT_TREE_SEED, scale = 1 }: TreeOptions = {},
): ReportingTree {
  const size = staffAtScale(entity.staff, scale);
  const random = SeededRandom.forKey(seed, entity.code);
  const { parent } = treeShape(size, random);
  const naming = new PersonNaming(random, stationProfile(entity.dutyStation), entityDomain(entity.code));
  const reports = reportsOf(parent);
  const order = depthFirst(reports);
  // Identities are drawn in number order (level by level) so that the order of the output cannot change them.
  const identities = Array.from({ length: size }, (_, i) => naming.next(i === 0 ? entity.language : null));
  const people = order.map((i): TreePerson => {
    const manager = parent[i] as number;
    const { name, email, language } = identities[i] as Identity;
    return {
      name,
      email,
      managerEmail: manager < 0 ? null : (identities[manager] as Identity).email,
      language,
      isManager: (reports.start[i + 1] as number) > (reports.start[i] as number),
    };
  });
  return { code: entity.code, people, csv: orgTreeCsv(people) };
}

/** A tree for each entity, each from the same seed (mixed with the entity's code, so no two are alike). */
export function generateReportingTrees(entities: TreeEntity[], options: TreeOptions = {}): ReportingTree[] {
  return entities.map((entity) => generateReportingTree(entity, options));
}

/** Rows as the org-tree import reads them; a cell is quoted only when it must be. */
export function orgTreeCsv(people: TreePerson[]): string {
  const lines = ['name,email,manager_email,language,is_manager'];
  for (const p of people) {
    lines.push(
      `${csvCell(p.name)},${p.email},${p.managerEmail ?? ''},${p.language},${p.isManager ? 'yes' : 'no'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Each person's reports, as one array and where each person's part starts (a compact adjacency list). */
function reportsOf(parent: Int32Array): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(parent.length + 1);
  for (let i = 1; i < parent.length; i += 1) start[(parent[i] as number) + 1] += 1;
  for (let i = 0; i < parent.length; i += 1) start[i + 1] += start[i] as number;
  const next = start.slice(0, parent.length);
  const list = new Int32Array(Math.max(0, parent.length - 1));
  for (let i = 1; i < parent.length; i += 1) list[next[parent[i] as number]++] = i;
  return { start, list };
}

function depthFirst({ start, list }: { start: Int32Array; list: Int32Array }): number[] {
  const order: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const person = stack.pop() as number;
    order.push(person);
    // Pushed last to first, so a team comes out in its own order.
    for (let k = (start[person + 1] as number) - 1; k >= (start[person] as number); k -= 1) {
      stack.push(list[k] as number);
    }
  }
  return order;
}

interface Identity {
  name: string;
  email: string;
  language: Language;
}

/** Draws people's languages and names for one duty station, and keeps their addresses unique. */
class PersonNaming {
  private readonly taken = new Map<string, number>();
  private readonly languages: WeightedTable<Language>;
  private readonly namesByLanguage = new Map<Language, WeightedTable<NameGroup>>();

  constructor(
    private readonly random: SeededRandom,
    private readonly station: StationProfile,
    private readonly domain: string,
  ) {
    this.languages = new WeightedTable(station.languages);
  }

  /** The next person; `language` fixed for the Head (the entity's), drawn for everyone else. */
  next(language: Language | null): Identity {
    const lang = language ?? this.random.weighted(this.languages);
    const group: NameGroup =
      this.random.next() < LOCAL_SHARE ? this.station.local : this.random.weighted(this.namesFor(lang));
    const given = this.random.pick(NAMES[group].given);
    const family = this.random.pick(NAMES[group].family);
    return { name: `${given.name} ${family.name}`, email: this.address(given, family), language: lang };
  }

  private namesFor(language: Language): WeightedTable<NameGroup> {
    let table = this.namesByLanguage.get(language);
    if (!table) this.namesByLanguage.set(language, (table = new WeightedTable(internationalNames(language))));
    return table;
  }

  /** `given.family@domain`, or `given.family2@…` and on when taken (names hold no digits, so no clash). */
  private address(given: ListedName, family: ListedName): string {
    const local = `${given.ascii}.${family.ascii}`;
    const count = (this.taken.get(local) ?? 0) + 1;
    this.taken.set(local, count);
    return `${count === 1 ? local : `${local}${count}`}@${this.domain}`;
  }
}
