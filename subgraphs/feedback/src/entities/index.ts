import { OutboxEvent, ProcessedEvent } from '@carebook/platform';
import { Feedback } from './feedback.entity';

export const entities = [Feedback, OutboxEvent, ProcessedEvent];
export { Feedback };
