import {
  AppError,
  AppointmentFacts,
  appointmentContract,
  authContract,
  ContractClient,
  contractClient,
  DoctorContactFacts,
  doctorContract,
  NotFound,
  patientContract,
  PatientContactFacts,
  recentAnswers,
  ServiceClient,
} from '@carebook/platform';
import DataLoader from 'dataloader';

export type AppointmentState = AppointmentFacts & { status: string };
export type PatientContact = PatientContactFacts;
export type DoctorContact = DoctorContactFacts;

/**
 * What a notice needs to know, asked of the services that own it at send
 * time (never copied into job payloads). The appointment and the patient are
 * read fresh: the appointment's state decides whether a reminder is still
 * due, and a patient who changed their channels or phone is reached the new
 * way. Doctors' names and practices and service names are kept a minute.
 */
export interface Directory {
  appointment(id: string): Promise<AppointmentState | null>;
  patient(id: string): Promise<PatientContact | null>;
  doctor(id: string): Promise<DoctorContact | null>;
  /** A doctor's address is their account's (auth owns it); only notices to the doctor need it. */
  userEmail(id: string): Promise<string | null>;
  serviceName(id: string): Promise<string | null>;
}

/**
 * Concurrent sends ask together: loads within a few milliseconds of each
 * other go out as one call per service (no caching: each answer is fresh).
 */
function batched<V extends { id: string }>(load: (ids: string[]) => Promise<V[]>): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (ids) => {
      const rows = await load([...ids]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { cache: false, maxBatchSize: 500, batchScheduleFn: (run) => setTimeout(run, 2) },
  );
}

const CATALOGUE_TTL_MS = 60_000;

export function serviceDirectory(client: ServiceClient): Directory {
  const doctor = contractClient(doctorContract, client);
  const auth = contractClient(authContract, client);
  const patient = contractClient(patientContract, client);
  const appointment = contractClient(appointmentContract, client);
  const appointments = batched(async (ids) => {
    const { appointments } = await appointment.appointments({ ids });
    return appointments.map((a) => ({ ...a, id: a.appointmentId }));
  });
  const patients = batched(async (ids) => (await patient.contacts({ ids })).contacts);
  const doctors = batched(async (ids) => (await doctor.contacts({ ids })).contacts);
  // The catalogue and the doctors' names and practices change rarely (and are no patient's data): kept a minute.
  // An unknown one is a NOT_FOUND, which is not remembered, and answers null.
  const knownDoctor = recentAnswers(
    async (id: string) => (await doctors.load(id)) ?? Promise.reject(new NotFound('Doctor', id)),
    CATALOGUE_TTL_MS,
  );
  const knownServiceName = recentAnswers(
    async (id: string) => (await doctor.medicalService({ id })).name,
    CATALOGUE_TTL_MS,
  );

  return {
    appointment: (id) => appointments.load(id),
    patient: (id) => patients.load(id),
    doctor: (id) => knownDoctor(id).catch(nullWhenNotFound),
    userEmail: (id) => userEmail(auth, id),
    serviceName: (id) => knownServiceName(id).catch(nullWhenNotFound),
  };
}

function nullWhenNotFound(error: unknown): null {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
  throw error;
}

async function userEmail(auth: ContractClient<typeof authContract>, id: string): Promise<string | null> {
  return (await auth.getUser({ id }).catch(nullWhenNotFound))?.email ?? null;
}
