import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from '@cascade/persistence';
import { createTestDatabase, testDrivers } from './test-database';

describe.each(testDrivers())('createTestDatabase (%s)', (driver) => {
  it('gives an empty database that the migrations bring to exactly the entities’ schema', async () => {
    const database = await createTestDatabase(driver);
    const orm = await MikroORM.init(ormOptions(database.config));
    try {
      expect(await orm.getMigrator().getExecutedMigrations()).toHaveLength(0);
      await orm.getMigrator().up();
      // The migrations are complete: nothing differs between the migrated schema and the entities.
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim()).toBe('');
    } finally {
      await orm.close(true);
      await database.drop();
    }
  });
});
