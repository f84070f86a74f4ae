export * from './queue-registry';
export * from './outbox-message.entity';
export * from './outbox';
export * from './outbox-dispatcher';
export * from './redis-connection';
export * from './outbox-dispatch.service';
export * from './scheduling.module';
