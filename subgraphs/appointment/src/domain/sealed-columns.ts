import { sealedColumn, sealedEntity, SealedTable } from '@carebook/platform';
import { AppointmentChange } from '../entities/appointment-change.entity';
import { Appointment } from '../entities/appointment.entity';

/**
 * Where the appointment service keeps sealed text: what a patient says about
 * their visit and what a doctor notes. The labels are bound into every value
 * sealed there (with the row id), on MySQL and MongoDB alike: never rename
 * them. These columns held plain text before they were sealed; such values
 * are read as they are until `pnpm keys:rotate` seals them.
 */
export const SEALED = {
  reason: sealedColumn('appointments', 'reason', { plainTextBefore: true }),
  cancellationReason: sealedColumn('appointments', 'cancellation_reason', { plainTextBefore: true }),
  completionNotes: sealedColumn('appointments', 'completion_notes', { plainTextBefore: true }),
  historyNote: sealedColumn('appointment_changes', 'note', { plainTextBefore: true }),
};

/** What the key rotation command re-seals. */
export const SEALED_ENTITIES: SealedTable[] = [
  sealedEntity({
    entity: Appointment,
    fields: [
      { property: 'reason', column: SEALED.reason },
      { property: 'cancellationReason', column: SEALED.cancellationReason },
      { property: 'completionNotes', column: SEALED.completionNotes },
    ],
  }),
  sealedEntity({ entity: AppointmentChange, fields: [{ property: 'note', column: SEALED.historyNote }] }),
];
