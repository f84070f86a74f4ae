export * from './test-database';
export * from './fixed-clock';
export * from './test-orm';
export * from './wait-for';
export * from './redis';
export * from './processes';
export * from './factories';
export * from './smtp-sink';
export * from './accessibility';
export * from './browser';
export * from './stack';
export * from './synthetic-organisation';
export * from './statement-log';
export * from './calendar';
// The reporting-tree generator lives in libs/persistence, where the demo seeder (which may not import this test
// library) uses it too; the suites in test/ may import only this library, so it is passed on here.
export {
  DEFAULT_TREE_SEED,
  generateEntityListTrees,
  generateReportingTree,
  generateReportingTrees,
  orgTreeCsv,
  staffAtScale,
  TREE_RULES,
  type ReportingTree,
  type TreeEntity,
  type TreeOptions,
  type TreePerson,
} from '@cascade/persistence';
export * from './response-recorder';
