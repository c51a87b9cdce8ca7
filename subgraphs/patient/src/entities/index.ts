import { ProcessedEvent } from '@carebook/platform';
import { CareRelationship } from './care-relationship.entity';
import { MedicalRecord } from './medical-record.entity';
import { Patient } from './patient.entity';

/** ProcessedEvent: the care projection's record of events already applied (platform's idempotent consumers). */
export const entities = [Patient, MedicalRecord, CareRelationship, ProcessedEvent];
export { CareRelationship, MedicalRecord, Patient };
