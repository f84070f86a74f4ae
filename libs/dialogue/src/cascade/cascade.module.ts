import { Module } from '@nestjs/common';
import { CascadeQueryService } from './cascade-query.service';
import { CascadeService } from './cascade.service';

/** The managers' cascade: each manager of each imported tree asked in turn, scheduling, reminders, progress. */
@Module({
  providers: [CascadeService, CascadeQueryService],
  exports: [CascadeService, CascadeQueryService],
})
export class CascadeModule {}
