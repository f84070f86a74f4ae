import { Module } from '@nestjs/common';
import { DialogueQueryService } from './dialogue-query.service';
import { DialogueService } from './dialogue.service';

/** The year's dialogue: create, launch, change its dates, its summary, and the reads of its screens. */
@Module({
  providers: [DialogueService, DialogueQueryService],
  exports: [DialogueService, DialogueQueryService],
})
export class DialogueYearModule {}
