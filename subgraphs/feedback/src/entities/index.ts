import { KeyRotationCursor, OutboxEvent, ProcessedEvent } from '@carebook/platform';
import { Feedback } from './feedback.entity';

/** KeyRotationCursor: where an interrupted key rotation resumes (rotate-keys.ts). */
export const entities = [Feedback, OutboxEvent, ProcessedEvent, KeyRotationCursor];
export { Feedback };
