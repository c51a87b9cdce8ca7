import { operation } from '@carebook/clients';
import {
  beginAppointments,
  setAppointmentStatus,
  liveClient,
  LiveResult,
  LiveSubscription,
  postGraphql,
  spawnService,
  SpawnedService,
  Stack,
  startStack,
  startTestIssuer,
  stringMatching,
  TestIssuer,
  untilSubscribed,
} from '@carebook/platform/testing';
import {
  CancelAppointmentDocument,
  MarkNoShowDocument,
  RescheduleAppointmentDocument,
  UpdateDoctorDocument,
  UpdateMyProfileDocument,
} from '@carebook/sdk';
import { Clinic, day } from './lib/clinic';
import { changeKind, scheduleChange } from './lib/schedule-change';
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
  let clinic: Clinic;
  let ok: Clinic['ok'];
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
  const CONTRACT = operation('ScheduleChanged');
  const kindOf = changeKind;

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
    return clinic.openDay({ doctorId: who.id, date, startTime, endTime, slotMinutes: 30 });
  }

  const book = (slotId: string, who = patient) => clinic.book(who.token, { slotId, serviceId });

  beforeAll(async () => {
    // Completions need visits booked to start within the minute: no minimum notice.
    stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], {
      BOOKING_MIN_NOTICE: '0',
    });
    const port = Number(new URL(stack.gatewayUrl).port);
    issuer = await startTestIssuer();
    [second, expiring] = await Promise.all([
      spawnService('gateway', port + 20, stack.env),
      // A gateway that trusts the test issuer, which can mint a token that expires within seconds.
      spawnService('gateway', port + 21, { ...stack.env, AUTH_JWKS_URL: issuer.jwksUrl }),
    ]);
    secondUrl = `${second.url}/graphql`;
    clinic = await Clinic.open(stack);
    ({ ok, admin } = clinic);
    serviceId = await clinic.service();
    for (const [key, licenseNumber] of [
      ['a', 'LA-100'],
      ['b', 'LB-200'],
    ] as const)
      doctor[key] = await clinic.doctor({
        email: `dr-${key}@live.e2e.test`,
        name: `Dr ${key.toUpperCase()}`,
        licenseNumber,
        serviceIds: [serviceId],
      });
    patient = await clinic.patient({ email: 'pat@live.e2e.test', name: 'Patient Live' });
    other = await clinic.patient({ email: 'other@live.e2e.test', name: 'Patient Other' });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
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

  describe("with dashboards subscribed (an admin to every schedule, an admin to Dr B's, Dr A to their own, an admin on the second gateway)", () => {
    let adminAll: LiveSubscription;
    let adminB: LiveSubscription;
    let doctorA: LiveSubscription;
    let elsewhere: LiveSubscription;
    /** Each case books on a day of its own, so no case depends on another's appointment. */
    let nextDay = 10;

    beforeAll(async () => {
      adminAll = live(stack.gatewayUrl, admin).subscribe(CONTRACT);
      adminB = live(stack.gatewayUrl, admin).subscribe(CONTRACT, { doctorId: doctor.b.id });
      doctorA = live(stack.gatewayUrl, doctor.a.token).subscribe(CONTRACT, { doctorId: doctor.a.id });
      elsewhere = live(secondUrl, admin).subscribe(CONTRACT);
      await untilSubscribed(stack.gatewayUrl, 3);
      await untilSubscribed(secondUrl, 1);
    }, 60_000);

    /** Two free slots of Dr A on a fresh day, and an appointment of the patient in the first. */
    async function bookedWithDrA(): Promise<{ appointmentId: string; slots: Array<{ id: string; startsAt: string }> }> {
      const slots = await openSlots(doctor.a, day(nextDay++), '09:00', '10:00');
      return { appointmentId: await book(slots[0].id), slots };
    }

    /**
     * What Dr B's admin dashboard received up to now, proved complete: a change of Dr B's made after
     * everything before it (a slot opened) has arrived, and the feed keeps each subscription's order.
     */
    async function adminBSoFar(): Promise<LiveResult[]> {
      const [marker] = await openSlots(doctor.b, day(nextDay++), '09:00', '09:30');
      await adminB.next((r) => kindOf(r) === 'SLOTS_OPENED' && scheduleChange(r).slot?.id === marker.id, 10_000);
      return adminB.results;
    }

    it("delivers a booking with fields of every subgraph to the doctor, to admins of all schedules, on both gateways, and not to another doctor's dashboard", async () => {
      const { appointmentId, slots } = await bookedWithDrA();
      const isBooking = (r: LiveResult) => kindOf(r) === 'SLOT_BOOKED' && scheduleChange(r).slot?.id === slots[0].id;
      const seen = await adminAll.next(isBooking, 10_000);
      expect(seen.errors).toBeUndefined();
      expect(scheduleChange(seen)).toMatchObject({
        kind: 'SLOT_BOOKED',
        slot: {
          id: slots[0].id,
          startsAt: slots[0].startsAt,
          status: 'BOOKED',
          doctor: { id: doctor.a.id, name: 'Dr A' },
        },
        appointment: {
          id: appointmentId,
          patient: { id: patient.id, name: 'Patient Live' },
          service: { name: 'Consultation' },
        },
      });
      expect(['PENDING', 'CONFIRMED']).toContain(scheduleChange(seen).appointment!.status);

      // The doctor sees the patient's name at once: the booking entitles them to it before its event reaches the patient service.
      const mine = await doctorA.next(isBooking, 10_000);
      expect(mine.errors).toBeUndefined();
      expect(scheduleChange(mine)).toMatchObject({
        slot: { doctor: { name: 'Dr A' } },
        appointment: { id: appointmentId, patient: { name: 'Patient Live' }, service: { name: 'Consultation' } },
      });
      expect(scheduleChange(await elsewhere.next(isBooking, 10_000)).appointment!.patient.name).toBe('Patient Live');
      expect((await adminBSoFar()).filter(isBooking)).toEqual([]);
    });

    it('delivers a reschedule: the new slot, the appointment, and the old slot released', async () => {
      const { appointmentId, slots } = await bookedWithDrA();
      await ok(RescheduleAppointmentDocument, { id: appointmentId, newSlotId: slots[1].id }, patient.token);
      const moved = await adminAll.next(
        (r) => kindOf(r) === 'APPOINTMENT_RESCHEDULED' && scheduleChange(r).appointment?.id === appointmentId,
        10_000,
      );
      expect(scheduleChange(moved)).toMatchObject({
        slot: { id: slots[1].id, status: 'BOOKED' },
        appointment: { id: appointmentId, status: 'CONFIRMED', patient: { name: 'Patient Live' } },
      });
      const released = await doctorA.next(
        (r) => kindOf(r) === 'SLOT_RELEASED' && scheduleChange(r).slot!.id === slots[0].id,
        10_000,
      );
      expect(scheduleChange(released).slot).toMatchObject({ status: 'FREE', doctor: { name: 'Dr A' } });
      await elsewhere.next(
        (r) => kindOf(r) === 'APPOINTMENT_RESCHEDULED' && scheduleChange(r).appointment?.id === appointmentId,
        10_000,
      );
    });

    it("delivers a cancellation and the slot it frees, to Dr A's dashboards only", async () => {
      const { appointmentId, slots } = await bookedWithDrA();
      await ok(CancelAppointmentDocument, { id: appointmentId, reason: 'Better' }, patient.token);
      const cancelled = await adminAll.next(
        (r) => kindOf(r) === 'APPOINTMENT_CANCELLED' && scheduleChange(r).appointment?.id === appointmentId,
        10_000,
      );
      expect(scheduleChange(cancelled)).toMatchObject({
        slot: { id: slots[0].id },
        appointment: { id: appointmentId, status: 'CANCELLED', service: { name: 'Consultation' } },
      });
      await doctorA.next(
        (r) => kindOf(r) === 'APPOINTMENT_CANCELLED' && scheduleChange(r).appointment?.id === appointmentId,
        10_000,
      );
      const freed = await adminAll.next(
        (r) => kindOf(r) === 'SLOT_RELEASED' && scheduleChange(r).slot!.id === slots[0].id,
        10_000,
      );
      expect(scheduleChange(freed).slot!.status).toBe('FREE');
      expect((await adminBSoFar()).filter((r) => kindOf(r)?.startsWith('APPOINTMENT_'))).toEqual([]);
    });

    it('names the doctor and the patient as they are now: renamed, the next change carries the new names', async () => {
      // The slot's and the appointment's services name them (one round, no second fetch): what they keep must not outlive a rename.
      const rename = async (doctorName: string, patientName: string) => {
        await ok(UpdateDoctorDocument, { id: doctor.a.id, input: { name: doctorName } }, admin);
        await ok(UpdateMyProfileDocument, { input: { name: patientName } }, patient.token);
      };
      const { slots } = await bookedWithDrA();
      await rename('Dr A Renamed', 'Patient Renamed');
      try {
        const appointmentId = await book(slots[1].id);
        const isBooking = (r: LiveResult) => kindOf(r) === 'SLOT_BOOKED' && scheduleChange(r).slot?.id === slots[1].id;
        for (const feed of [adminAll, doctorA])
          expect(scheduleChange(await feed.next(isBooking, 10_000))).toMatchObject({
            slot: { doctor: { id: doctor.a.id, name: 'Dr A Renamed' } },
            appointment: { id: appointmentId, patient: { id: patient.id, name: 'Patient Renamed' } },
          });
      } finally {
        await rename('Dr A', 'Patient Live');
      }
    });

    it("shows a doctor the patient's name on a booking once it is confirmed, never on one that is not", async () => {
      // The appointment service names the patient (one round for a live change); its doctor is entitled by a confirmed booking,
      // as the patient service's care check decides, so a booking caught PENDING is waited for, and refused if it stays so.
      const [slot] = await openSlots(doctor.a, day(nextDay++), '09:00', '09:30');
      const id = await book(slot.id);
      const query = 'query($id: ID!) { appointment(id: $id) { id status patient { id name } } }';
      const read = (token: string) => postGraphql(stack.gatewayUrl, query, { id }, token);
      const nameIn = (answer: Awaited<ReturnType<typeof read>>) =>
        (answer.data as { appointment: { patient: { name: string } } } | null)?.appointment?.patient.name;
      expect(nameIn(await read(doctor.a.token))).toBe('Patient Live');
      const url = stack.env.APPOINTMENT_DB_URL!;
      await setAppointmentStatus(url, id, 'PENDING');
      try {
        expect(nameIn(await read(admin))).toBe('Patient Live');
        expect(nameIn(await read(patient.token))).toBe('Patient Live');
        const started = Date.now();
        const refused = await read(doctor.a.token);
        expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
        expect(refused.errors?.[0].message).toMatch(/once the booking is confirmed/);
        expect(Date.now() - started).toBeGreaterThan(1500); // it waited for the booking to settle first
        const settling = read(doctor.a.token);
        setTimeout(() => void setAppointmentStatus(url, id, 'CONFIRMED'), 300);
        expect(nameIn(await settling)).toBe('Patient Live');
      } finally {
        await setAppointmentStatus(url, id, 'CONFIRMED');
      }
    });

    it('delivers completions and no-shows once the appointments have begun', async () => {
      // Booked days ahead, then their time is made to come (beginAppointments): no wait, whatever the time of day.
      const date = day(nextDay++);
      const completed = await book((await openSlots(doctor.a, date, '10:00', '10:30'))[0].id);
      const missed = await book((await openSlots(doctor.b, date, '10:00', '10:30'))[0].id, other);
      await beginAppointments(stack.env.APPOINTMENT_DB_URL!, [completed, missed]);
      const done = await postGraphql(
        stack.gatewayUrl,
        'mutation($id: ID!) { completeAppointment(id: $id) { id status } }',
        { id: completed },
        doctor.a.token,
      );
      expect(done.errors).toBeUndefined();
      await ok(MarkNoShowDocument, { id: missed }, doctor.b.token);

      const complete = await adminAll.next(
        (r) => kindOf(r) === 'APPOINTMENT_COMPLETED' && scheduleChange(r).appointment?.id === completed,
        10_000,
      );
      expect(scheduleChange(complete)).toMatchObject({
        appointment: {
          id: completed,
          status: 'COMPLETED',
          patient: { name: 'Patient Live' },
          service: { name: 'Consultation' },
        },
        slot: { doctor: { name: 'Dr A' } },
      });
      const noShow = await adminB.next(
        (r) => kindOf(r) === 'APPOINTMENT_NO_SHOW' && scheduleChange(r).appointment?.id === missed,
        10_000,
      );
      expect(scheduleChange(noShow)).toMatchObject({
        appointment: { id: missed, status: 'NO_SHOW', patient: { name: 'Patient Other' } },
        slot: { doctor: { name: 'Dr B' } },
      });
      await doctorA.next(
        (r) => kindOf(r) === 'APPOINTMENT_COMPLETED' && scheduleChange(r).appointment?.id === completed,
        10_000,
      );
      // Dr A's own feed after the no-show (published after it, by the same relay): a change of Dr A's, then nothing of Dr B's before it.
      const [marker] = await openSlots(doctor.a, day(nextDay++), '09:00', '09:30');
      await doctorA.next((r) => kindOf(r) === 'SLOTS_OPENED' && scheduleChange(r).slot?.id === marker.id, 10_000);
      expect(doctorA.results.filter((r) => kindOf(r) === 'APPOINTMENT_NO_SHOW')).toEqual([]);
      await elsewhere.next(
        (r) => kindOf(r) === 'APPOINTMENT_NO_SHOW' && scheduleChange(r).appointment?.id === missed,
        10_000,
      );
    }, 120_000);
  });

  it('ends the subscription with UNAUTHENTICATED when the token expires, and refuses an expired token', async () => {
    const url = `${expiring.url}/graphql`;
    const sub = live(url, await issuer.mint({ role: Role.ADMIN, expiresIn: 3 })).subscribe(
      'subscription { scheduleChanged { kind } }',
    );
    await untilSubscribed(url, 1);
    expect(await within(sub.ended, 10_000)).toEqual({});
    expect(sub.results.at(-1)!.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: stringMatching(/expired/),
    });

    const late = live(url, await issuer.mint({ role: Role.ADMIN, expiresIn: -10 }));
    await late.subscribe('subscription { scheduleChanged { kind } }').ended;
    expect(late.closes[0]).toMatchObject({ code: 4403, reason: stringMatching(/expired/) });
  });

  it('drops connections cleanly when a gateway stops, and serves clients that reconnect after its restart', async () => {
    const port = Number(new URL(secondUrl).port);
    const before = live(secondUrl, admin);
    const open = before.subscribe(CONTRACT);
    await untilSubscribed(secondUrl, 1);
    await second.stop();
    expect(await within(open.ended, 5000)).not.toBe('still open');
    expect(before.closes.some((close) => close.code === 1001)).toBe(true);
    expect(second.process.exitCode).toBe(0);

    second = await spawnService('gateway', port, stack.env);
    const again = live(secondUrl, admin).subscribe(CONTRACT, { doctorId: doctor.a.id });
    await untilSubscribed(secondUrl, 1);
    const slot = (await openSlots(doctor.a, day(3), '09:00', '09:30'))[0];
    await book(slot.id);
    const seen = await again.next((r) => kindOf(r) === 'SLOT_BOOKED' && scheduleChange(r).slot?.id === slot.id, 10_000);
    expect(scheduleChange(seen).slot).toMatchObject({ id: slot.id, doctor: { name: 'Dr A' } });
  }, 90_000);
});
