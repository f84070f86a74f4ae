import { Module } from '@nestjs/common';
import { TimerSyncService } from './mirror/timer-sync.service';
import { PlanPreviewService } from './plan-preview.service';
import { TimerFiringService } from './timer-firing.service';
import { DutyStationHolidaysService } from '../holidays/duty-station-holidays.service';

/**
 * Timers: firing a due one, previewing a plan, and keeping Redis in step with the rows (the sync needs the
 * queues and the after-commit hook of the global SchedulingModule).
 */
@Module({
  providers: [TimerFiringService, PlanPreviewService, TimerSyncService, DutyStationHolidaysService],
  exports: [TimerFiringService, PlanPreviewService, TimerSyncService, DutyStationHolidaysService],
})
export class TimersModule {}
