import { FieldSealer, Forbidden, groupedLoader, NotFound, RequestContext } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { MedicalRecord } from '../entities';
import type { CareConfirmation } from '../clients/care-confirmation';
import { caresFor, grantCare } from './care-relationships';
import { NO_APPOINTMENT_MESSAGE } from '../domain/chart-access';
import { checkNewRecord, checkRecordChanges, RecordContent, recordEditRefusal } from '../domain/record-rules';
import { randomUUID } from 'node:crypto';
import { SEALED } from '../domain/sealed-columns';

export interface NewRecord {
  patientId: string;
  appointmentId?: string | null;
  diagnosis: string;
  notes?: string | null;
}

export function openRecord(record: MedicalRecord, sealer: FieldSealer): RecordContent {
  return {
    diagnosis: sealer.open(SEALED.diagnosis, record.id, record.diagnosisSealed),
    notes: sealer.open(SEALED.recordNotes, record.id, record.notesSealed),
  };
}

/**
 * A doctor writes in the chart of a patient they have an appointment with; they are the record's author.
 * A booking reaches this service as an event a moment after it commits: a doctor writing in that moment
 * is checked with the appointment service (`confirmCare`), and the relationship is recorded there and then.
 */
export async function addMedicalRecord(
  em: EntityManager,
  sealer: FieldSealer,
  doctorId: string,
  input: NewRecord,
  confirmCare?: CareConfirmation,
): Promise<MedicalRecord> {
  const content = checkNewRecord(input);
  if (!(await caresFor(em, doctorId, input.patientId))) {
    const confirmed = confirmCare ? (await confirmCare(doctorId, [input.patientId])).has(input.patientId) : false;
    if (!confirmed) throw new Forbidden(NO_APPOINTMENT_MESSAGE);
    await grantCare(em, doctorId, input.patientId);
  }
  // grant-care only relates existing patients (and discard removes the relationship), so the patient exists.
  // The id is chosen first: each sealed value is bound to its row.
  const id = randomUUID();
  const record = em.create(MedicalRecord, {
    id,
    patientId: input.patientId,
    doctorId,
    appointmentId: input.appointmentId ?? null,
    diagnosisSealed: sealer.seal(SEALED.diagnosis, id, content.diagnosis),
    notesSealed: sealer.seal(SEALED.recordNotes, id, content.notes),
  });
  await em.flush();
  return record;
}

/** Its author rewords a record; values that did not change are not resealed (no rewrite for nothing). */
export async function updateMedicalRecord(
  em: EntityManager,
  sealer: FieldSealer,
  doctorId: string,
  id: string,
  input: { diagnosis?: string | null; notes?: string | null },
): Promise<MedicalRecord> {
  const changes = checkRecordChanges(input);
  const record = await em.findOne(MedicalRecord, { id });
  if (!record) throw new NotFound('Medical record', id);
  const refusal = recordEditRefusal(record, doctorId);
  if (refusal) throw refusal;
  const current = openRecord(record, sealer);
  if (changes.diagnosis !== undefined && changes.diagnosis !== current.diagnosis)
    record.diagnosisSealed = sealer.seal(SEALED.diagnosis, record.id, changes.diagnosis);
  if (changes.notes !== undefined && changes.notes !== current.notes)
    record.notesSealed = sealer.seal(SEALED.recordNotes, record.id, changes.notes);
  await em.flush();
  return record;
}

/** The records of each patient a response lists, newest first, with one query per batch. */
export function recordsOfPatient(ctx: RequestContext, patientId: string): Promise<MedicalRecord[]> {
  return groupedLoader<MedicalRecord>(
    ctx,
    'records:by-patient',
    (patientIds) =>
      ctx.em.find(
        MedicalRecord,
        { patientId: { $in: [...patientIds] } },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      ),
    (record) => record.patientId,
  ).load(patientId);
}
