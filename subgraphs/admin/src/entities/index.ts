import { KeyRotationCursor } from '@carebook/platform';
import { AdminActionLog } from './admin-action-log.entity';

/** KeyRotationCursor: where an interrupted key rotation resumes (rotate-keys.ts). */
export const entities = [AdminActionLog, KeyRotationCursor];
export { AdminActionLog };
