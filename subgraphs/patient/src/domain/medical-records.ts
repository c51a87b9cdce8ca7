import { Forbidden, groupedLoader, NotFound, RequestContext } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { MedicalRecord } from '../entities';
import { caresFor } from './care-relationships';
import { NO_APPOINTMENT_MESSAGE } from './chart-access';
import { checkNewRecord, checkRecordChanges, RecordContent, recordEditRefusal } from './record-rules';
import type { Sealer } from './sealed-fields';

export interface NewRecord {
  patientId: string;
  appointmentId?: string | null;
  diagnosis: string;
  notes?: string | null;
}

export function openRecord(record: MedicalRecord, sealer: Sealer): RecordContent {
  return { diagnosis: sealer.open(record.diagnosisSealed)!, notes: sealer.open(record.notesSealed) };
}

/** A doctor writes in the chart of a patient they have an appointment with; they are the record's author. */
export async function addMedicalRecord(em: EntityManager, sealer: Sealer, doctorId: string, input: NewRecord): Promise<MedicalRecord> {
  const content = checkNewRecord(input);
  // grant-care only relates existing patients (and discard removes the relationship), so this also proves the patient exists.
  if (!(await caresFor(em, doctorId, input.patientId))) throw new Forbidden(NO_APPOINTMENT_MESSAGE);
  const record = em.create(MedicalRecord, {
    patientId: input.patientId,
    doctorId,
    appointmentId: input.appointmentId ?? null,
    diagnosisSealed: sealer.seal(content.diagnosis)!,
    notesSealed: sealer.seal(content.notes),
  });
  await em.flush();
  return record;
}

/** Its author rewords a record; values that did not change are not resealed (no rewrite for nothing). */
export async function updateMedicalRecord(
  em: EntityManager,
  sealer: Sealer,
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
  if (changes.diagnosis !== undefined && changes.diagnosis !== current.diagnosis) record.diagnosisSealed = sealer.seal(changes.diagnosis)!;
  if (changes.notes !== undefined && changes.notes !== current.notes) record.notesSealed = sealer.seal(changes.notes);
  await em.flush();
  return record;
}

/** The records of each patient a response lists, newest first, with one query per batch. */
export function recordsOfPatient(ctx: RequestContext, patientId: string): Promise<MedicalRecord[]> {
  return groupedLoader<MedicalRecord>(
    ctx,
    'records:by-patient',
    (patientIds) => ctx.em.find(MedicalRecord, { patientId: { $in: [...patientIds] } }, { orderBy: { createdAt: 'desc', id: 'desc' } }),
    (record) => record.patientId,
  ).load(patientId);
}
