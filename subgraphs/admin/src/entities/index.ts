import { KeyRotationCursor, ProcessedEvent } from '@carebook/platform';
import { AdminActionLog } from './admin-action-log.entity';

/**
 * KeyRotationCursor: where an interrupted key rotation resumes (rotate-keys.ts); ProcessedEvent: the admin
 * actions of other services already written to the log (events/admin-log-consumer.ts).
 */
export const entities = [AdminActionLog, KeyRotationCursor, ProcessedEvent];
export { AdminActionLog };
