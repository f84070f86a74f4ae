import fs from 'node:fs';
import path from 'node:path';
import { isLanguage, readEntityCsv } from '@cascade/dialogue';
import {
  generateReportingTrees,
  type ReportingTree,
  type TreeEntity,
  type TreeOptions,
} from './reporting-tree/reporting-tree';

/** The real entity list, shipped with the project (../shared does not exist on a user's machine). */
export const DEMO_ENTITIES_CSV = path.resolve(__dirname, '../seed/entities.csv');

export type DemoEntityRow = ReturnType<typeof readEntityCsv>[number]['raw'];

/** The rows of the real entity list, as the entity import reads them. */
export function readDemoEntities(): DemoEntityRow[] {
  return readEntityCsv(fs.readFileSync(DEMO_ENTITIES_CSV, 'utf8')).map(({ raw }) => raw);
}

/** What the tree generator needs of an entity row; a row it cannot use is named. */
export function treeEntityOf(row: DemoEntityRow): TreeEntity {
  const [code, staff, dutyStation, language] = [row.code, Number(row.staff), row.dutyStation, row.language];
  if (typeof code !== 'string' || typeof dutyStation !== 'string' || !isLanguage(language) || !(staff >= 0))
    throw new Error(`entity row ${JSON.stringify(row)} lacks a code, staff count, duty station or language`);
  return { code, staff, dutyStation, language };
}

/** A reporting tree for every entity of the real list (58), from one seed. */
export function generateEntityListTrees(options: TreeOptions = {}): ReportingTree[] {
  return generateReportingTrees(readDemoEntities().map(treeEntityOf), options);
}
