export * from './domain-event';
export * from './event-routing';
export * from './outbox-event.entity';
export * from './processed-event.entity';
export * from './record-event';
export * from './queue-connections';
export * from './outbox-relay';
export * from './event-consumer';
