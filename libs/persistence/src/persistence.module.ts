import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import type { DatabaseConfig } from '@cascade/config';
import { ormOptions } from './orm-options';

@Module({})
export class PersistenceModule {
  static forRoot(database: DatabaseConfig): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [MikroOrmModule.forRoot({ ...ormOptions(database), registerRequestContext: true })],
    };
  }
}
