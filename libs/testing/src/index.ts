export * from './test-database';
export * from './test-orm';
export * from './wait-for';
export * from './redis';
export * from './processes';
export * from './factories';
export * from './smtp-sink';
export * from './browser';
