import { KeyRotationCursor, ProcessedEvent } from '@carebook/platform';
import { CareRelationship } from './care-relationship.entity';
import { MedicalRecord } from './medical-record.entity';
import { Patient } from './patient.entity';

/**
 * ProcessedEvent: the care projection's record of events already applied (platform's idempotent consumers);
 * KeyRotationCursor: where an interrupted key rotation resumes (rotate-keys.ts).
 */
export const entities = [Patient, MedicalRecord, CareRelationship, ProcessedEvent, KeyRotationCursor];
export { CareRelationship, MedicalRecord, Patient };
