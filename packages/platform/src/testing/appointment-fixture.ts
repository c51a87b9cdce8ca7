import { createConnection } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import { AppointmentStatus } from '../contracts/shared-enums';
import { spawnService, SpawnedService } from './spawn-service';
import { dropDatabase, freshDatabaseUrl } from './test-database';

export interface AppointmentRow {
  id: string;
  patientId: string;
  doctorId: string;
  serviceId: string;
  status: AppointmentStatus;
  price: string;
  currency: string;
  /** The patient cancelled or moved it inside the cancellation window. */
  lateCancelled?: boolean;
}

export interface AppointmentFixture {
  service: SpawnedService;
  /** Writes an appointment (an hour ago) straight into the service's store and returns it. */
  add(status: AppointmentStatus, fields?: Partial<Omit<AppointmentRow, 'id' | 'status'>>): Promise<AppointmentRow>;
  /**
   * Settles a PENDING appointment as its booking does: CONFIRMED, or withdrawn (the row deleted: the slot was
   * not ours, so nobody was ever promised it).
   */
  settle(id: string, outcome: AppointmentStatus.CONFIRMED | 'WITHDRAWN'): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real appointment service, as its own process on a fresh database,
 * holding whatever appointments a test writes into it: for the suites of
 * services that ask it about appointments over its internal routes (billing,
 * feedback) without booking through doctor and scheduling.
 */
export async function startAppointmentFixture(port: number, env: NodeJS.ProcessEnv): Promise<AppointmentFixture> {
  const databaseUrl = freshDatabaseUrl('appointment');
  const service = await spawnService('appointment', port, {
    ...env,
    APPOINTMENT_DB_URL: databaseUrl,
    // Nothing is booked through them; the reconciler waits an hour.
    DOCTOR_URL: 'http://127.0.0.1:9',
    SCHEDULING_URL: 'http://127.0.0.1:9',
    APPOINTMENT_RECONCILE_EVERY_MS: '3600000',
  });
  return {
    service,
    async add(status, fields = {}) {
      const row: AppointmentRow = {
        id: randomUUID(),
        patientId: randomUUID(),
        doctorId: randomUUID(),
        serviceId: randomUUID(),
        price: '40.00',
        currency: 'EUR',
        ...fields,
        status,
      };
      const connection = await createConnection(databaseUrl);
      try {
        const at = new Date(Date.now() - 3_600_000);
        await connection.query(
          'insert into appointments (id, patient_id, doctor_id, service_id, slot_id, starts_at, ends_at, status, price, currency, late_cancelled_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            row.id,
            row.patientId,
            row.doctorId,
            row.serviceId,
            randomUUID(),
            at,
            new Date(at.getTime() + 1_800_000),
            status,
            row.price,
            row.currency,
            row.lateCancelled ? at : null,
            at,
            at,
          ],
        );
      } finally {
        await connection.end();
      }
      return row;
    },
    async settle(id, outcome) {
      const connection = await createConnection(databaseUrl);
      try {
        if (outcome === 'WITHDRAWN') await connection.query('delete from appointments where id = ?', [id]);
        else
          await connection.query('update appointments set status = ?, updated_at = ? where id = ?', [
            outcome,
            new Date(),
            id,
          ]);
      } finally {
        await connection.end();
      }
    },
    async stop() {
      await service.stop();
      await dropDatabase(databaseUrl);
    },
  };
}

/**
 * Lets time pass for appointments booked in the future: moves their start
 * to a minute ago (keeping their length) in the appointment service's own
 * store (MariaDB), so a test can complete them or mark a no-show at once,
 * at any time of day, without waiting for a slot to begin.
 */
export async function beginAppointments(appointmentDbUrl: string, ids: string[]): Promise<void> {
  const connection = await createConnection({ uri: appointmentDbUrl, timezone: 'Z' });
  try {
    const startedAt = new Date(Date.now() - 60_000);
    // MariaDB assigns left to right: ends_at is computed from the old starts_at before starts_at changes.
    const [result] = await connection.query(
      'update appointments set ends_at = timestampadd(microsecond, timestampdiff(microsecond, starts_at, ends_at), ?), starts_at = ? where id in (?)',
      [startedAt, startedAt, ids],
    );
    const moved = (result as { affectedRows: number }).affectedRows;
    if (moved !== ids.length)
      throw new Error(`beginAppointments: moved ${moved} of ${ids.length} appointments (unknown ids?)`);
  } finally {
    await connection.end();
  }
}

/**
 * Puts an appointment in a status as the appointment service's own store
 * holds it (MariaDB): a booking caught between its PENDING row and its
 * confirmation, say, which lasts milliseconds in a real booking.
 */
export async function setAppointmentStatus(appointmentDbUrl: string, id: string, status: string): Promise<void> {
  const connection = await createConnection({ uri: appointmentDbUrl, timezone: 'Z' });
  try {
    const [result] = await connection.query('update appointments set status = ? where id = ?', [status, id]);
    if ((result as { affectedRows: number }).affectedRows !== 1)
      throw new Error(`setAppointmentStatus: no appointment ${id}`);
  } finally {
    await connection.end();
  }
}
