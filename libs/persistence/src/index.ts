export * from './orm-options';
export * from './orm';
export * from './persistence.module';
export * from './demo-seeder';
