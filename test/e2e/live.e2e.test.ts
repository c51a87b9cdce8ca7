import { operation } from '@carebook/clients';
import { BOOTSTRAP_ADMIN, liveClient, LiveResult, LiveSubscription, postGraphql, spawnService, SpawnedService, Stack, startStack, startTestIssuer, TestIssuer, untilSubscribed } from '@carebook/platform/testing';
import { Role } from '@carebook/platform';


/**
 * Live schedules end to end: graphql-ws clients on the gateway's /graphql
 * receive the changes of bookings, reschedules, cancellations, completions
 * and no-shows with fields from every subgraph, filtered by doctor and by
 * the subscriber's rights; a second gateway instance delivers too; an
 * expired token ends the subscription; a restarted gateway drops its
 * connections cleanly and takes new ones.
 */
describe('live schedules through the gateway (graphql-ws)', () => {
  let stack: Stack;
  let second: SpawnedService;
  let expiring: SpawnedService;
  let issuer: TestIssuer;
  let secondUrl: string;
  let admin: string;
  let serviceId: string;
  let patient: { id: string; token: string };
  let other: { id: string; token: string };
  const doctor = { a: { id: '', token: '' }, b: { id: '', token: '' } };
  const clients: Array<ReturnType<typeof liveClient>> = [];
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const CONTRACT = operation('ScheduleChanged');
  const kindOf = (result: LiveResult) => result.data?.scheduleChanged?.kind;

  async function ok(name: string, variables: Record<string, unknown>, token?: string) {
    const response = await postGraphql(stack.gatewayUrl, operation(name), variables, token);
    expect(response.errors).toBeUndefined();
    return response.data;
  }

  /** The promise's value, or 'still open' after `ms` (the timer cleared either way, so jest can exit). */
  async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'still open'>((resolve) => (timer = setTimeout(() => resolve('still open'), ms)));
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  function live(url: string, token?: string) {
    const made = liveClient(url, token);
    clients.push(made);
    return made;
  }

  async function openSlots(who: { id: string }, date: string, startTime: string, endTime: string) {
    return (await ok('AddAvailability', { doctorId: who.id, date, startTime, endTime, slotMinutes: 30 }, admin)).addAvailability as Array<{ id: string; startsAt: string }>;
  }

  async function book(slotId: string, who = patient): Promise<string> {
    const booked = await ok('BookAppointment', { input: { slotId, serviceId } }, who.token);
    expect(booked.bookAppointment.__typename).toBe('BookingConfirmed');
    return booked.bookAppointment.appointment.id;
  }

  beforeAll(async () => {
    // Completions need visits booked to start within the minute: no minimum notice.
    stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], { BOOKING_MIN_NOTICE: '0' });
    const port = Number(new URL(stack.gatewayUrl).port);
    issuer = await startTestIssuer();
    [second, expiring] = await Promise.all([
      spawnService('gateway', port + 20, stack.env),
      // A gateway that trusts the test issuer, which can mint a token that expires within seconds.
      spawnService('gateway', port + 21, { ...stack.env, AUTH_JWKS_URL: issuer.jwksUrl }),
    ]);
    secondUrl = `${second.url}/graphql`;
    admin = (await ok('Login', BOOTSTRAP_ADMIN)).login.accessToken;
    serviceId = (await ok('CreateMedicalService', { input: { name: 'Consultation', category: 'GENERAL_CHECKUP', durationMinutes: 30, price: '40.00', currency: 'EUR' } }, admin)).createMedicalService.id;
    for (const [key, licence] of [['a', 'LA-100'], ['b', 'LB-200']] as const) {
      const email = `dr-${key}@live.e2e.test`;
      doctor[key].id = (await ok('CreateDoctor', { input: { email, password: 'doctor-password-1', name: `Dr ${key.toUpperCase()}`, specialty: 'General practice', licenseNumber: licence, serviceIds: [serviceId] } }, admin)).createDoctor.id;
      doctor[key].token = (await ok('Login', { email, password: 'doctor-password-1' })).login.accessToken;
    }
    const registered = await ok('RegisterPatient', { input: { email: 'pat@live.e2e.test', password: 'patient-password-1', name: 'Patient Live' } });
    patient = { id: registered.registerPatient.user.id, token: registered.registerPatient.accessToken };
    const another = await ok('RegisterPatient', { input: { email: 'other@live.e2e.test', password: 'patient-password-1', name: 'Patient Other' } });
    other = { id: another.registerPatient.user.id, token: another.registerPatient.accessToken };
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all([second?.stop(), expiring?.stop()]);
    await issuer?.stop();
    await stack?.stop();
  });

  it('refuses a connection without a valid token (4403)', async () => {
    for (const token of [undefined, 'not-a-token', await issuer.mint({ role: Role.ADMIN })]) {
      const c = live(stack.gatewayUrl, token);
      const sub = c.subscribe(CONTRACT);
      expect((await sub.ended).error).toBeDefined();
      expect(c.closes[0]).toMatchObject({ code: 4403 });
      expect(c.closes[0].reason).toMatch(/sign in|token/i);
    }
  });

  it('answers FORBIDDEN to a patient, and to a doctor asking for another schedule or for all', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      [patient.token, { doctorId: doctor.a.id }],
      [doctor.a.token, { doctorId: doctor.b.id }],
      [doctor.a.token, {}],
    ];
    for (const [token, variables] of cases) {
      const sub = live(stack.gatewayUrl, token).subscribe(CONTRACT, variables);
      expect(await sub.ended).toEqual({});
      expect(sub.results).toHaveLength(1);
      expect(sub.results[0].errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(sub.results[0].errors?.[0].message).toMatch(/own schedule|doctors/);
    }
  });

  let adminAll: LiveSubscription;
  let adminB: LiveSubscription;
  let doctorA: LiveSubscription;
  let elsewhere: LiveSubscription;
  let slotsA: Array<{ id: string; startsAt: string }>;
  let appointmentId: string;

  it('delivers a booking within 1 s, with fields of every subgraph, to the doctor, to admins of all schedules, on both gateways', async () => {
    slotsA = await openSlots(doctor.a, day(2), '09:00', '11:00');
    adminAll = live(stack.gatewayUrl, admin).subscribe(CONTRACT);
    adminB = live(stack.gatewayUrl, admin).subscribe(CONTRACT, { doctorId: doctor.b.id });
    doctorA = live(stack.gatewayUrl, doctor.a.token).subscribe(CONTRACT, { doctorId: doctor.a.id });
    elsewhere = live(secondUrl, admin).subscribe(CONTRACT);
    await untilSubscribed(stack.gatewayUrl, 3);
    await untilSubscribed(secondUrl, 1);

    appointmentId = await book(slotsA[0].id);
    const bookedAt = Date.now();
    const isBooking = (r: LiveResult) => kindOf(r) === 'SLOT_BOOKED' && r.data.scheduleChanged.slot?.id === slotsA[0].id;
    const seen = await adminAll.next(isBooking, 3000);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.scheduleChanged).toMatchObject({
      kind: 'SLOT_BOOKED',
      slot: { id: slotsA[0].id, startsAt: slotsA[0].startsAt, status: 'BOOKED', doctor: { id: doctor.a.id, name: 'Dr A' } },
      appointment: { id: appointmentId, patient: { id: patient.id, name: 'Patient Live' }, service: { name: 'Consultation' } },
    });
    expect(['PENDING', 'CONFIRMED']).toContain(seen.data!.scheduleChanged.appointment.status);
    expect(seen.receivedAt - Date.parse(seen.data!.scheduleChanged.occurredAt)).toBeLessThan(1000);
    expect(seen.receivedAt - bookedAt).toBeLessThan(1000);

    // The doctor sees the patient's name at once: the booking entitles them to it before its event reaches the patient service.
    const mine = await doctorA.next(isBooking, 3000);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.scheduleChanged).toMatchObject({ slot: { doctor: { name: 'Dr A' } }, appointment: { id: appointmentId, patient: { name: 'Patient Live' }, service: { name: 'Consultation' } } });
    expect((await elsewhere.next(isBooking, 3000)).data!.scheduleChanged.appointment.patient.name).toBe('Patient Live');
    await new Promise((r) => setTimeout(r, 300));
    expect(adminB.results.filter(isBooking)).toEqual([]);
  });

  it('delivers a reschedule: the new slot, the appointment, and the old slot released', async () => {
    await ok('RescheduleAppointment', { id: appointmentId, newSlotId: slotsA[1].id }, patient.token);
    const moved = await adminAll.next((r) => kindOf(r) === 'APPOINTMENT_RESCHEDULED');
    expect(moved.data!.scheduleChanged).toMatchObject({ slot: { id: slotsA[1].id, status: 'BOOKED' }, appointment: { id: appointmentId, status: 'CONFIRMED', patient: { name: 'Patient Live' } } });
    const released = await doctorA.next((r) => kindOf(r) === 'SLOT_RELEASED' && r.data.scheduleChanged.slot.id === slotsA[0].id);
    expect(released.data!.scheduleChanged.slot).toMatchObject({ status: 'FREE', doctor: { name: 'Dr A' } });
    await elsewhere.next((r) => kindOf(r) === 'APPOINTMENT_RESCHEDULED');
  });

  it('delivers a cancellation and the slot it frees', async () => {
    await ok('CancelAppointment', { id: appointmentId, reason: 'Better' }, patient.token);
    const cancelled = await adminAll.next((r) => kindOf(r) === 'APPOINTMENT_CANCELLED');
    expect(cancelled.data!.scheduleChanged).toMatchObject({ slot: { id: slotsA[1].id }, appointment: { id: appointmentId, status: 'CANCELLED', service: { name: 'Consultation' } } });
    await doctorA.next((r) => kindOf(r) === 'APPOINTMENT_CANCELLED');
    const freed = await adminAll.next((r) => kindOf(r) === 'SLOT_RELEASED' && r.data.scheduleChanged.slot.id === slotsA[1].id);
    expect(freed.data!.scheduleChanged.slot.status).toBe('FREE');
    expect(adminB.results.filter((r) => kindOf(r)?.startsWith('APPOINTMENT_'))).toEqual([]);
  });

  it('delivers completions and no-shows once the appointments have begun', async () => {
    const start = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
    const end = new Date(start.getTime() + 30 * 60_000);
    if (end.toISOString().slice(0, 10) !== start.toISOString().slice(0, 10)) return; // a run after 23:29 UTC skips this case
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const completed = await book((await openSlots(doctor.a, start.toISOString().slice(0, 10), hhmm(start), hhmm(end)))[0].id);
    const missed = await book((await openSlots(doctor.b, start.toISOString().slice(0, 10), hhmm(start), hhmm(end)))[0].id, other);
    await new Promise((r) => setTimeout(r, start.getTime() - Date.now() + 500));
    const done = await postGraphql(stack.gatewayUrl, 'mutation($id: ID!) { completeAppointment(id: $id) { id status } }', { id: completed }, doctor.a.token);
    expect(done.errors).toBeUndefined();
    await ok('MarkNoShow', { id: missed }, doctor.b.token);

    const complete = await adminAll.next((r) => kindOf(r) === 'APPOINTMENT_COMPLETED');
    expect(complete.data!.scheduleChanged).toMatchObject({ appointment: { id: completed, status: 'COMPLETED', patient: { name: 'Patient Live' }, service: { name: 'Consultation' } }, slot: { doctor: { name: 'Dr A' } } });
    const noShow = await adminB.next((r) => kindOf(r) === 'APPOINTMENT_NO_SHOW');
    expect(noShow.data!.scheduleChanged).toMatchObject({ appointment: { id: missed, status: 'NO_SHOW', patient: { name: 'Patient Other' } }, slot: { doctor: { name: 'Dr B' } } });
    await doctorA.next((r) => kindOf(r) === 'APPOINTMENT_COMPLETED');
    expect(doctorA.results.filter((r) => kindOf(r) === 'APPOINTMENT_NO_SHOW')).toEqual([]);
    await elsewhere.next((r) => kindOf(r) === 'APPOINTMENT_NO_SHOW');
  }, 120_000);

  it('ends the subscription with UNAUTHENTICATED when the token expires, and refuses an expired token', async () => {
    const url = `${expiring.url}/graphql`;
    const sub = live(url, await issuer.mint({ role: Role.ADMIN, expiresIn: 3 })).subscribe('subscription { scheduleChanged { kind } }');
    await untilSubscribed(url, 1);
    expect(await within(sub.ended, 10_000)).toEqual({});
    expect(sub.results.at(-1)!.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/) });

    const late = live(url, await issuer.mint({ role: Role.ADMIN, expiresIn: -10 }));
    await late.subscribe('subscription { scheduleChanged { kind } }').ended;
    expect(late.closes[0]).toMatchObject({ code: 4403, reason: expect.stringMatching(/expired/) });
  });

  it('drops connections cleanly when a gateway stops, and serves clients that reconnect after its restart', async () => {
    const port = Number(new URL(secondUrl).port);
    await second.stop();
    expect(await within(elsewhere.ended, 5000)).not.toBe('still open');
    expect(clients.find((c) => c.closes.some((close) => close.code === 1001))).toBeDefined();
    expect(second.process.exitCode).toBe(0);

    second = await spawnService('gateway', port, stack.env);
    const again = live(secondUrl, admin).subscribe(CONTRACT, { doctorId: doctor.a.id });
    await untilSubscribed(secondUrl, 1);
    const slot = (await openSlots(doctor.a, day(3), '09:00', '09:30'))[0];
    await book(slot.id);
    const seen = await again.next((r) => kindOf(r) === 'SLOT_BOOKED');
    expect(seen.data!.scheduleChanged.slot).toMatchObject({ id: slot.id, doctor: { name: 'Dr A' } });
  }, 90_000);
});
