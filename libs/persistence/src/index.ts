export * from './orm-options';
export * from './orm';
export * from './persistence.module';
export * from './demo-entities';
export * from './demo-seeder';
export {
  DEFAULT_TREE_SEED,
  entityDomain,
  generateReportingTree,
  generateReportingTrees,
  orgTreeCsv,
  staffAtScale,
  type ReportingTree,
  type TreeEntity,
  type TreeOptions,
  type TreePerson,
} from './reporting-tree/reporting-tree';
export { TREE_RULES, SMALLEST_FULL_TREE } from './reporting-tree/tree-shape';
