import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124195025 } from './Migration20261124195025';
import { Migration20261124202423 } from './Migration20261124202423';
import { Migration20261124203342 } from './Migration20261124203342';
import { Migration20261124205640 } from './Migration20261124205640';
import { Migration20261124210521 } from './Migration20261124210521';
import { Migration20261124212058 } from './Migration20261124212058';
import { Migration20261124233610 } from './Migration20261124233610';
import { Migration20261202173811 } from './Migration20261202173811';
import { Migration20261204053510 } from './Migration20261204053510';
import { Migration20261204092227 } from './Migration20261204092227';
import { Migration20261204092432 } from './Migration20261204092432';
import { Migration20261204151240 } from './Migration20261204151240';
import { Migration20261205090000 } from './Migration20261205090000';
import { Migration20261205110000 } from './Migration20261205110000';
import { Migration20261205120000 } from './Migration20261205120000';
import { Migration20261205130000 } from './Migration20261205130000';

/** Applied in this order; `npm run db:migration:create` appends new ones. */
export const sqliteMigrations: MigrationObject[] = [
  { name: 'Migration20261124195025', class: Migration20261124195025 },
  { name: 'Migration20261124202423', class: Migration20261124202423 },
  { name: 'Migration20261124203342', class: Migration20261124203342 },
  { name: 'Migration20261124205640', class: Migration20261124205640 },
  { name: 'Migration20261124210521', class: Migration20261124210521 },
  { name: 'Migration20261124212058', class: Migration20261124212058 },
  { name: 'Migration20261124233610', class: Migration20261124233610 },
  { name: 'Migration20261202173811', class: Migration20261202173811 },
  { name: 'Migration20261204053510', class: Migration20261204053510 },
  { name: 'Migration20261204092227', class: Migration20261204092227 },
  { name: 'Migration20261204092432', class: Migration20261204092432 },
  { name: 'Migration20261204151240', class: Migration20261204151240 },
  { name: 'Migration20261205090000', class: Migration20261205090000 },
  { name: 'Migration20261205110000', class: Migration20261205110000 },
  { name: 'Migration20261205120000', class: Migration20261205120000 },
  { name: 'Migration20261205130000', class: Migration20261205130000 },
];
