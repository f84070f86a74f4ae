import type { MikroORM } from '@mikro-orm/core';
import {
  Dialogue,
  DialogueService,
  EntityImportService,
  OrgTreeService,
  Person,
  SystemClock,
  type Clock,
  type Translated,
  type WorkflowRegistry,
} from '@cascade/dialogue';
import { readDemoEntities, treeEntityOf, type DemoEntityRow } from './demo-entities';
import {
  DEFAULT_TREE_SEED,
  entityDomain,
  generateReportingTree,
  type ReportingTree,
} from './reporting-tree/reporting-tree';

const DEMO_ACTOR = 'system: demo seeder';

const topic: Translated = {
  ar: 'الاستخدام الشخصي لوسائل التواصل الاجتماعي: كيف أتصرف على الإنترنت؟',
  zh: '个人使用社交媒体：我在网上的行为如何？',
  en: 'Personal use of social media: How is my online behaviour?',
  fr: 'Usage personnel des réseaux sociaux : quel est mon comportement en ligne ?',
  ru: 'Личное использование социальных сетей: как я веду себя в Интернете?',
  es: 'Uso personal de las redes sociales: ¿cómo es mi comportamiento en línea?',
};

// The guides exist in English, French and Spanish only, as the source document says: readers of the other
// languages are sent to their second language or to English, and told so.
const link = (file: string): Translated => ({
  en: `https://ethics.example.org/leadership-dialogue/en/${file}`,
  fr: `https://ethics.example.org/leadership-dialogue/fr/${file}`,
  es: `https://ethics.example.org/leadership-dialogue/es/${file}`,
});

export interface DemoSeedResult {
  created: boolean;
  entities: number;
  /** People of the generated reporting trees imported by this run. */
  people: number;
}

/**
 * Seeds the demo: the real entity list with a generated reporting tree each (its Head is the entity's Head of
 * Entity), a synthetic Focal Point each (example.org addresses), and a dialogue for the given year. Running it
 * again changes nothing; an entity that already has a tree keeps it and its Head.
 */
export async function seedDemo(
  orm: MikroORM,
  registry: WorkflowRegistry,
  {
    year,
    clock = new SystemClock(),
    treeSeed = DEFAULT_TREE_SEED,
  }: { year: number; clock?: Clock; treeSeed?: number },
): Promise<DemoSeedResult> {
  const em = orm.em.fork();
  if (await em.count(Dialogue, { year })) return { created: false, entities: 0, people: 0 };
  const trees = new Map<string, ReportingTree>();
  const rows: DemoEntityRow[] = [];
  for (const raw of readDemoEntities()) {
    const code = String(raw.code);
    const hasTree = (await em.count(Person, { entity: { code } })) > 0;
    const tree = hasTree ? null : generateReportingTree(treeEntityOf(raw), { seed: treeSeed });
    if (tree) trees.set(code, tree);
    const head = tree?.people[0];
    rows.push({
      ...raw,
      ...(head ? { headName: head.name, headEmail: head.email } : {}),
      focalPoints: [
        { name: `Focal Point ${code}`, email: `focal.point@${entityDomain(code)}`, language: raw.language },
      ],
    });
  }
  const imported = await new EntityImportService(orm.em, clock).importJson(rows, DEMO_ACTOR);
  const orgTrees = new OrgTreeService(orm.em, clock, registry);
  let people = 0;
  for (const [code, tree] of trees) {
    people += (await orgTrees.importEntityCsv(code, tree.csv, DEMO_ACTOR)).added;
  }
  await new DialogueService(orm.em, clock, registry).create(
    {
      year,
      topic,
      materials: {
        leadersGuide: link(`${year}/leaders-guide.pdf`),
        participantsGuide: link(`${year}/participants-guide.pdf`),
        presentation: link(`${year}/presentation.pptx`),
      },
    },
    DEMO_ACTOR,
  );
  return { created: true, entities: imported.total, people };
}
