import { KeyRotationCursor, OutboxEvent } from '@carebook/platform';
import { AppointmentChange } from './appointment-change.entity';
import { Appointment } from './appointment.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { PatientGuard } from './patient-guard.entity';

/** KeyRotationCursor: where an interrupted key rotation resumes (rotate-keys.ts). */
export const entities = [Appointment, AppointmentChange, IdempotencyKey, PatientGuard, OutboxEvent, KeyRotationCursor];
export { Appointment, AppointmentChange, IdempotencyKey, PatientGuard };
