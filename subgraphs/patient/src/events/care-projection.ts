import {
  appointmentContract,
  AppointmentStatus,
  contractClient,
  DomainEvent,
  EventConsumer,
  isSignedBy,
  Logger,
  ServiceClient,
  ServiceKeys,
  SignedEvent,
  SqlPool,
  startEventConsumer,
} from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { caresForSql, grantCareSql } from '../use-cases/care-relationships';

/** Who an appointment is between, as the appointment service holds it. */
interface CareParties {
  doctorId: string;
  patientId: string;
}

/**
 * Keeps "which doctor has (or had) an appointment with which patient" from
 * the appointment service's events, so a doctor can open the chart of a
 * patient they see. Relationships are never withdrawn: a doctor keeps
 * access to the charts of patients they had appointments with.
 *
 * A job on the queue is not trusted: anyone who can write to Redis could
 * push one naming any doctor and patient. An event signed by the
 * appointment service (its outbox relay signs what it queues) grants the
 * doctor and patient it names: the appointment was confirmed (or moved to
 * that doctor) with them. Any other job's appointment is looked up with the
 * appointment service (internal route) and the relationship granted is the
 * one it holds there: its doctor and patient now (after a reschedule, the
 * new doctor), for an appointment that was confirmed. An appointment it
 * does not know grants nothing.
 *
 * A patient mostly books again with a doctor they already see: when the
 * relationship the event names is recorded already, there is nothing to
 * grant, and the job ends before the lookup (trusting the job there can
 * only skip a grant that exists).
 */
export function startCareProjection(
  orm: MikroORM,
  sql: SqlPool,
  redisUrl: string,
  prefix: string,
  logger: Logger,
  services: ServiceClient,
  keys: Pick<ServiceKeys, 'publicKeyOf'>,
): EventConsumer {
  return startEventConsumer<CareParties>({
    orm,
    queue: 'patient-care',
    redisUrl,
    prefix,
    logger,
    alreadyApplied: (event) => alreadyCared(sql, event),
    verify: async (event) => partiesSigned(event, keys) ?? (await partiesAtSource(services, event)),
    // One plain SQL insert (the patient store is MariaDB; the projection runs once per booking), without the
    // processed-event mark and its transaction: the relationship is keyed by doctor and patient and never
    // withdrawn, so a redelivered event finds it there (a duplicate key, ignored) and changes nothing.
    idempotent: (_event, parties) => grantCareSql(sql, parties.doctorId, parties.patientId),
  });
}

/** The parties of a confirmed or moved appointment as its signed event names them, or null (ask the source). */
function partiesSigned(event: SignedEvent, keys: Pick<ServiceKeys, 'publicKeyOf'>): CareParties | null {
  if (event.type !== 'APPOINTMENT_CONFIRMED' && event.type !== 'APPOINTMENT_RESCHEDULED') return null;
  if (!isSignedBy(event, 'appointment', keys)) return null;
  const { doctorId, patientId } = event.payload as { doctorId?: unknown; patientId?: unknown };
  return typeof doctorId === 'string' && typeof patientId === 'string' ? { doctorId, patientId } : null;
}

async function partiesAtSource(services: ServiceClient, event: DomainEvent): Promise<CareParties | null> {
  const appointmentId = (event?.payload as { appointmentId?: unknown } | undefined)?.appointmentId;
  if (typeof appointmentId !== 'string' || !appointmentId) return null;
  const { appointments } = await contractClient(appointmentContract, services).appointments({ ids: [appointmentId] });
  const held = appointments[0];
  // PENDING: not (yet) confirmed, so no appointment to see the chart for.
  return held && held.status !== AppointmentStatus.PENDING
    ? { doctorId: held.doctorId, patientId: held.patientId }
    : null;
}

async function alreadyCared(sql: SqlPool, event: DomainEvent): Promise<boolean> {
  const { doctorId, patientId } = (event?.payload ?? {}) as { doctorId?: unknown; patientId?: unknown };
  if (typeof doctorId !== 'string' || typeof patientId !== 'string' || !doctorId || !patientId) return false;
  return caresForSql(sql, doctorId, patientId);
}
