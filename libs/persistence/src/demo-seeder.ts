import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import {
  Dialogue,
  DialogueService,
  EntityImportService,
  readEntityCsv,
  SystemClock,
  type Clock,
  type Localized,
  type WorkflowRegistry,
} from '@cascade/dialogue';

/** The real entity list, shipped with the project (../shared does not exist on a user's machine). */
export const DEMO_ENTITIES_CSV = path.resolve(__dirname, '../seed/entities.csv');

const DEMO_ACTOR = 'system: demo seeder';

const topic: Localized = {
  en: 'Personal use of social media: How is my online behaviour?',
  fr: 'Usage personnel des réseaux sociaux : quel est mon comportement en ligne ?',
  es: 'Uso personal de las redes sociales: ¿cómo es mi comportamiento en línea?',
};

const link = (file: string): Localized => ({
  en: `https://ethics.example.org/leadership-dialogue/en/${file}`,
  fr: `https://ethics.example.org/leadership-dialogue/fr/${file}`,
  es: `https://ethics.example.org/leadership-dialogue/es/${file}`,
});

function slug(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * Seeds the demo: the real entity list with synthetic Heads and Focal Points (example.org addresses), and a
 * dialogue for the given year. Running it again changes nothing.
 */
export async function seedDemo(
  orm: MikroORM,
  registry: WorkflowRegistry,
  { year, clock = new SystemClock() }: { year: number; clock?: Clock },
): Promise<{ created: boolean; entities: number }> {
  const em = orm.em.fork();
  if (await em.count(Dialogue, { year })) return { created: false, entities: 0 };
  const rows = readEntityCsv(fs.readFileSync(DEMO_ENTITIES_CSV, 'utf8')).map(({ raw }) => {
    const domain = `${slug(String(raw.code))}.example.org`;
    return {
      ...raw,
      headName: `Head of ${raw.code}`,
      headEmail: `head@${domain}`,
      focalPoints: [
        { name: `Focal Point ${raw.code}`, email: `focal.point@${domain}`, language: raw.language },
      ],
    };
  });
  const imported = await new EntityImportService(orm.em, clock).importJson(rows, DEMO_ACTOR);
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
  return { created: true, entities: imported.total };
}
