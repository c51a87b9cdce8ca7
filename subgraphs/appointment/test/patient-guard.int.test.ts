import { randomUUID } from 'node:crypto';
import { PatientGuard } from '../src/entities/patient-guard.entity';
import { lockPatient } from '../src/use-cases/overlap';
import { BookingStack, eachStore } from './booking-stack';

jest.setTimeout(60_000);

/**
 * Every booking and reschedule starts by taking the patient's guard row
 * (the lock that serialises one patient's bookings). On MariaDB that is one
 * INSERT ... ON DUPLICATE KEY UPDATE: em.upsert would read the row back
 * after it (no RETURNING there), a statement per booking nobody uses.
 */
eachStore("the patient's booking guard (%s)", (store, databaseUrl) => {
  let stack: BookingStack;

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl());
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** The statements the ORM sent while `work` ran (MariaDB; MongoDB sends no SQL), background jobs' included. */
  async function statementsDuring(work: () => Promise<void>): Promise<string[]> {
    const statements: string[] = [];
    const config = stack.appointment.orm.config;
    config.set('onQuery', (sql: string) => {
      statements.push(sql);
      return sql;
    });
    try {
      await work();
    } finally {
      config.set('onQuery', (sql: string) => sql);
    }
    return statements;
  }

  it('is created, then taken again, with one write each and no read back', async () => {
    const patientId = randomUUID();
    const em = () => stack.appointment.orm.em.fork();
    for (const round of ['created', 'taken again']) {
      const before = Date.now();
      const statements = await statementsDuring(() => em().transactional((tx) => lockPatient(tx, patientId)));
      const guard = await em().findOneOrFail(PatientGuard, { id: patientId });
      expect({ round, touchedLately: guard.touchedAt.getTime() >= before - 1000 }).toEqual({
        round,
        touchedLately: true,
      });
      if (store === 'MariaDB')
        expect({ round, statements: statements.filter((sql) => sql.includes('patient_booking_guards')) }).toEqual({
          round,
          statements: [expect.stringMatching(/^insert into `patient_booking_guards`.* on duplicate key update/i)],
        });
    }
  });
});
