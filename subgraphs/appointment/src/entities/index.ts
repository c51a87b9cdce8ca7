import { OutboxEvent } from '@carebook/platform';
import { AppointmentChange } from './appointment-change.entity';
import { Appointment } from './appointment.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { PatientGuard } from './patient-guard.entity';

export const entities = [Appointment, AppointmentChange, IdempotencyKey, PatientGuard, OutboxEvent];
export { Appointment, AppointmentChange, IdempotencyKey, PatientGuard };
