import { sealedColumn, sealedEntity, SealedTable } from '@carebook/platform';
import { MedicalRecord, Patient } from '../entities';

/**
 * Where the patient service keeps sealed text. The labels are bound into
 * every value sealed there (with the row id): never rename them.
 */
export const SEALED = {
  phone: sealedColumn('patients', 'phone_sealed'),
  dateOfBirth: sealedColumn('patients', 'date_of_birth_sealed'),
  medicalHistory: sealedColumn('patients', 'medical_history_sealed'),
  diagnosis: sealedColumn('medical_records', 'diagnosis_sealed'),
  recordNotes: sealedColumn('medical_records', 'notes_sealed'),
};

/** What the key rotation command re-seals. */
export const SEALED_ENTITIES: SealedTable[] = [
  sealedEntity({
    entity: Patient,
    fields: [
      { property: 'phoneSealed', column: SEALED.phone },
      { property: 'dateOfBirthSealed', column: SEALED.dateOfBirth },
      { property: 'medicalHistorySealed', column: SEALED.medicalHistory },
    ],
  }),
  sealedEntity({
    entity: MedicalRecord,
    fields: [
      { property: 'diagnosisSealed', column: SEALED.diagnosis },
      { property: 'notesSealed', column: SEALED.recordNotes },
    ],
  }),
];
