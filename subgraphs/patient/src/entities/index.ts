import { CareRelationship } from './care-relationship.entity';
import { MedicalRecord } from './medical-record.entity';
import { Patient } from './patient.entity';

export const entities = [Patient, MedicalRecord, CareRelationship];
export { CareRelationship, MedicalRecord, Patient };
