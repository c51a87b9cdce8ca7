import { isDuplicateKey, loaderFor, NotFound, RequestContext, type SqlPool, type SqlRunner } from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CareRelationship } from '../entities';
import type { CareConfirmation } from '../clients/care-confirmation';
import { chartRefusal, contactRefusal, needsCareLookup } from '../domain/chart-access';

/** The SQL entity manager's raw statement (the patient store is MariaDB). */
type RawStatements = { execute(sql: string, params: unknown[], method: 'run'): Promise<{ affectedRows: number }> };

/**
 * Records that the doctor has an appointment with the patient; a no-op when
 * already recorded (the first date is kept). NOT_FOUND for an unknown patient.
 * One statement: the row is inserted only if the patient exists (the select
 * locks the patient row, so a concurrent discard cannot slip in between).
 */
export async function grantCare(em: EntityManager, doctorId: string, patientId: string): Promise<void> {
  let inserted: number;
  try {
    const result = await (em as unknown as RawStatements).execute(
      GRANT,
      [doctorId, patientId, new Date(), patientId],
      'run',
    );
    inserted = result.affectedRows;
  } catch (error) {
    // Already recorded (earlier or concurrently): the relationship exists, which is all that was asked.
    if (error instanceof UniqueConstraintViolationException) return;
    throw error;
  }
  if (inserted === 0) throw new NotFound('Patient', patientId);
}

const GRANT = 'insert into care_relationships (doctor_id, patient_id, since) select ?, ?, ? from patients where id = ?';

/** grantCare as one plain SQL insert (the care projection's): a relationship recorded already is left as it is. */
export async function grantCareSql(tx: SqlRunner, doctorId: string, patientId: string): Promise<void> {
  let inserted: number;
  try {
    inserted = await tx.run(GRANT, [doctorId, patientId, new Date(), patientId]);
  } catch (error) {
    if (isDuplicateKey(error)) return;
    throw error;
  }
  if (inserted === 0) throw new NotFound('Patient', patientId);
}

export async function caresFor(em: EntityManager, doctorId: string, patientId: string): Promise<boolean> {
  return (await em.count(CareRelationship, { doctorId, patientId })) > 0;
}

/** caresFor as one plain SQL read (the care projection's check before anything else). */
export async function caresForSql(sql: SqlPool, doctorId: string, patientId: string): Promise<boolean> {
  const found = await sql.rows('select 1 from care_relationships where doctor_id = ? and patient_id = ? limit 1', [
    doctorId,
    patientId,
  ]);
  return found.length > 0;
}

/**
 * Which of a request's patients the doctor cares for: one query per batch,
 * however many patients a response lists. A patient without a recorded
 * relationship is checked with the appointment service (`confirm`), which
 * knows of a booking before its event has reached this service.
 */
function careLoader(ctx: RequestContext, doctorId: string, confirm?: CareConfirmation) {
  return loaderFor<string, boolean>(ctx, `care:${doctorId}`, async (patientIds) => {
    const rows = await ctx.em.find(CareRelationship, { doctorId, patientId: { $in: [...patientIds] } });
    const cared = new Set(rows.map((row) => row.patientId));
    const unrecorded = patientIds.filter((id) => !cared.has(id));
    const confirmed = confirm && unrecorded.length ? await confirm(doctorId, unrecorded) : new Set<string>();
    return patientIds.map((id) => cared.has(id) || confirmed.has(id));
  });
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the caller may see this patient's chart (profile and records). */
export async function assertChartAccess(
  ctx: RequestContext,
  patientId: string,
  confirm?: CareConfirmation,
): Promise<void> {
  const refusal = chartRefusal(ctx.principal, patientId, await doctorCaresFor(ctx, patientId, confirm));
  if (refusal) throw refusal;
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the caller may see this patient's contact card (the chart's callers and the front desk). */
export async function assertContactAccess(
  ctx: RequestContext,
  patientId: string,
  confirm?: CareConfirmation,
): Promise<void> {
  const refusal = contactRefusal(ctx.principal, patientId, await doctorCaresFor(ctx, patientId, confirm));
  if (refusal) throw refusal;
}

/** Whether the caller is a doctor caring for the patient (looked up for doctors only). */
async function doctorCaresFor(ctx: RequestContext, patientId: string, confirm?: CareConfirmation): Promise<boolean> {
  const principal = ctx.principal;
  return needsCareLookup(principal) ? Boolean(await careLoader(ctx, principal.userId, confirm).load(patientId)) : false;
}
