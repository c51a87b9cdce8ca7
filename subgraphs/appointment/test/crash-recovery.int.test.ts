import { Role } from '@carebook/platform';
import {
  crashAfterCallEnv,
  postAsGateway,
  spawnService,
  SpawnedService,
  testPortBase,
} from '@carebook/platform/testing';
import { BookingStack, eachStore } from './booking-stack';
import { BookDocument, MyAppointmentsHistoryDocument, MyAppointmentsHistoryQuery } from './generated/operations';

jest.setTimeout(120_000);

/**
 * Kills a real appointment process between book-slot and the confirmation
 * (fault injection), restarts it with default settings and watches its
 * reconciliation job confirm the appointment within a minute.
 * Needs the built dist: `npx tsc -b subgraphs/appointment` (pnpm test builds).
 */
eachStore('a booking interrupted by a crash on %s', (_store, databaseUrl) => {
  let stack: BookingStack;
  let running: SpawnedService | undefined;

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl(), { inProcess: false });
  });
  afterAll(async () => {
    await running?.stop();
    await stack?.stop();
  });

  it('is confirmed by the restarted process within a minute, holding its slot', async () => {
    const port = testPortBase() + 5;
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const [slot] = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '09:30', 30);
    const patientId = crypto.randomUUID();
    const token = await stack.issuer.mint({ role: Role.PATIENT, sub: patientId });

    // Dies the moment scheduling's answer to book-slot arrives: the slot is booked, the confirmation not recorded.
    running = await spawnService('appointment', port, { ...stack.env, ...crashAfterCallEnv('book-slot') });
    const exited = new Promise<number | null>((resolve) => running!.process.once('exit', (code) => resolve(code)));
    const crashedAt = Date.now();
    const answer = await postAsGateway(
      'appointment',
      running.url,
      BookDocument,
      { input: { slotId: slot.id, serviceId: service.id } },
      token,
    ).catch((error: Error) => error);
    // The process died mid-request: the client sees the connection drop, not an answer.
    expect((answer as Error).message).toMatch(/fetch failed|terminated|socket/i);
    expect(await exited).toBe(137);

    const held = await stack.slot(slot.id);
    expect(held.status).toBe('BOOKED');
    const appointmentId = held.appointmentId;

    running = await spawnService('appointment', port, stack.env);
    let mine: MyAppointmentsHistoryQuery['myAppointments'] = [];
    // The reconciliation job runs every 15 s; poll generously (how soon is not this test's claim).
    while (Date.now() - crashedAt < 90_000) {
      mine = (await postAsGateway('appointment', running.url, MyAppointmentsHistoryDocument, {}, token)).data!
        .myAppointments;
      if (mine[0]?.status !== 'PENDING') break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(mine).toEqual([
      {
        id: appointmentId,
        status: 'CONFIRMED',
        slot: { id: slot.id },
        history: [
          { fromStatus: null, toStatus: 'PENDING', byUserId: patientId },
          { fromStatus: 'PENDING', toStatus: 'CONFIRMED', byUserId: null },
        ],
      },
    ]);
    expect(await stack.slot(slot.id)).toMatchObject({ status: 'BOOKED', appointmentId });
  });
});
