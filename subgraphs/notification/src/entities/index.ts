import { NotificationLog } from './notification-log.entity';

export const entities = [NotificationLog];
export { NotificationLog };
export * from './notification-enums';
