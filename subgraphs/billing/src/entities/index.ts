import { OutboxEvent, ProcessedEvent } from '@carebook/platform';
import { Invoice } from './invoice.entity';
import { Payment } from './payment.entity';

export const entities = [Invoice, Payment, OutboxEvent, ProcessedEvent];
export { Invoice, Payment };
