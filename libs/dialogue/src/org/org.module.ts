import { Module } from '@nestjs/common';
import { EntityImportService } from '../entity/entity-import.service';
import { OrgTreeService } from './org-tree.service';

/** Who takes part: the entities and their focal points (CSV import) and each entity's reporting tree. */
@Module({
  providers: [EntityImportService, OrgTreeService],
  exports: [EntityImportService, OrgTreeService],
})
export class OrgModule {}
