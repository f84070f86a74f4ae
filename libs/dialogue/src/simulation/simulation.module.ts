import { Module } from '@nestjs/common';
import { TimersModule } from '../timers/timers.module';
import { SimulationService } from './simulation.service';

/** Moving the simulated clock; the clock itself is provided by the core module. */
@Module({
  imports: [TimersModule],
  providers: [SimulationService],
  exports: [SimulationService],
})
export class SimulationModule {}
