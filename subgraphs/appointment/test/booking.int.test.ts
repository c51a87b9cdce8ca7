import { errorCode, variant } from '@carebook/platform/testing';
import { randomUUID } from 'node:crypto';
import { AppointmentStatus } from '../src/entities/appointment-status.enum';
import { Appointment, IdempotencyKey } from '../src/entities';
import { BookingStack, eachStore } from './booking-stack';
import {
  BookAppointmentInput,
  BookDocument,
  BookNamingAlternativesDocument,
  CancelDocument,
} from './generated/operations';

jest.setTimeout(60_000);

eachStore('booking on %s, with real scheduling and doctor services', (store, databaseUrl) => {
  let stack: BookingStack;

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl());
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const countAppointments = (where: object = {}) => stack.appointment.orm.em.fork().count(Appointment, where);

  it('books a free slot: CONFIRMED at the service price, the slot BOOKED by it, with history and an APPOINTMENT_CONFIRMED outbox row', async () => {
    const service = await stack.createService(30, '42.50');
    const doctorId = await stack.createDoctor([service.id]);
    const [slot] = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:00', 30);
    const patient = await stack.patient();

    const response = await stack.gql(
      BookDocument,
      { input: { slotId: slot.id, serviceId: service.id, reason: '  persistent cough ' } },
      patient.token,
    );
    expect(response.errors).toBeUndefined();
    const result = response.data!.bookAppointment;
    expect(result.__typename).toBe('BookingConfirmed');
    const { appointment } = variant(result, 'BookingConfirmed');
    expect(appointment).toMatchObject({
      status: 'CONFIRMED',
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      price: '42.50',
      currency: 'EUR',
      reason: 'persistent cough',
      doctor: { id: doctorId },
      service: { id: service.id },
      slot: { id: slot.id },
      patient: { id: patient.id },
    });
    expect(appointment.history).toEqual([
      { fromStatus: null, toStatus: 'PENDING', byUserId: patient.id },
      { fromStatus: 'PENDING', toStatus: 'CONFIRMED', byUserId: patient.id },
    ]);
    expect(await stack.slot(slot.id)).toMatchObject({ status: 'BOOKED', appointmentId: appointment.id });
    expect(await stack.outbox(appointment.id)).toEqual(['APPOINTMENT_CONFIRMED']);
    // Where and in which zone, copied from the slot at booking: the default location, in CLINIC_TIME_ZONE (UTC here).
    const row = await stack.appointment.orm.em.fork().findOneOrFail(Appointment, { id: appointment.id });
    expect(row).toMatchObject({
      locationId: 'default',
      timeZone: 'UTC',
      locationName: 'Main location',
      locationAddress: '',
    });
  });

  it('marks a confirmation careKnown when the patient holds a confirmed appointment with the doctor already (not queued for the patient service again)', async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const otherDoctorId = await stack.createDoctor([service.id]);
    const [first, second, third] = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:30', 30);
    const [elsewhere] = await stack.openSlots(otherDoctorId, stack.freshDay(), '09:00', '09:30', 30);
    const patient = await stack.patient();
    const book = async (slotId: string) => {
      const response = await stack.gql(BookDocument, { input: { slotId, serviceId: service.id } }, patient.token);
      const { appointment } = variant(response.data!.bookAppointment, 'BookingConfirmed');
      return { id: appointment.id, facts: await stack.confirmationFacts(appointment.id) };
    };

    const firstBooking = await book(first.id);
    expect(firstBooking.facts.careKnown).toBeUndefined();
    const secondBooking = await book(second.id);
    // The entity manager's path (MongoDB) leaves it out: every confirmation is queued there, as before.
    expect(secondBooking.facts.careKnown).toBe(store === 'MariaDB' ? true : undefined);
    expect((await book(elsewhere.id)).facts.careKnown).toBeUndefined();

    // With neither appointment held any more, nothing is known: the next one is told again.
    for (const { id } of [firstBooking, secondBooking]) {
      const cancelled = await stack.gql(CancelDocument, { id }, patient.token);
      expect(cancelled.errors).toBeUndefined();
    }
    expect((await book(third.id)).facts.careKnown).toBeUndefined();
  });

  it('answers SlotUnavailable (TAKEN) with alternatives: the same doctor nearest first, then other doctors offering the service', async () => {
    const service = await stack.createService(30);
    const other = await stack.createService(30);
    const doctorA = await stack.createDoctor([service.id], 'Dr A');
    const doctorB = await stack.createDoctor([service.id], 'Dr B');
    const doctorC = await stack.createDoctor([other.id], 'Dr C (other service)');
    const day = stack.freshDay();
    const slotsA = await stack.openSlots(doctorA, day, '09:00', '10:30', 30);
    const slotsB = await stack.openSlots(doctorB, day, '09:00', '11:00', 30);
    const slotsC = await stack.openSlots(doctorC, day, '09:00', '11:00', 30);
    const first = await stack.patient();
    const second = await stack.patient();
    const target = slotsA[1];
    await stack.gql(BookDocument, { input: { slotId: target.id, serviceId: service.id } }, first.token);

    const before = await countAppointments();
    const response = await stack.gql(
      BookDocument,
      { input: { slotId: target.id, serviceId: service.id } },
      second.token,
    );
    const result = response.data!.bookAppointment;
    expect(result).toMatchObject({ __typename: 'SlotUnavailable', reason: 'TAKEN' });
    const ids = variant(result, 'SlotUnavailable').alternatives.map((s) => s.id);
    expect(ids).toHaveLength(5);
    expect(ids.slice(0, 2).sort()).toEqual([slotsA[0].id, slotsA[2].id].sort());
    expect(slotsB.map((s) => s.id)).toEqual(expect.arrayContaining(ids.slice(2)));
    expect(ids).not.toEqual(expect.arrayContaining([slotsC[0].id]));
    // The losing PENDING is withdrawn: nothing was written for the second patient.
    expect(await countAppointments()).toBe(before);
    expect(await countAppointments({ patientId: second.id })).toBe(0);
    // The holder asking for it again hears about their own appointment, as before any slot is tried.
    const mine = await stack.gql(BookDocument, { input: { slotId: target.id, serviceId: service.id } }, first.token);
    expect(errorCode(mine)).toBe('CONFLICT');
    expect(mine.errors![0].message).toMatch(/overlaps this time/);
  });

  it('gives exactly one BookingConfirmed and 49 SlotUnavailable with alternatives to 50 concurrent bookings of one slot', async () => {
    const service = await stack.createService(15);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '08:00', '10:00', 15);
    const target = slots[3];
    const patients = await Promise.all(Array.from({ length: 50 }, () => stack.patient()));

    const responses = await Promise.all(
      patients.map((p) => stack.gql(BookDocument, { input: { slotId: target.id, serviceId: service.id } }, p.token)),
    );
    expect(responses.filter((r) => r.errors)).toEqual([]);
    const results = responses.map((r) => r.data!.bookAppointment);
    const confirmed = results.filter((r) => r.__typename === 'BookingConfirmed');
    const unavailable = results.filter((r) => r.__typename === 'SlotUnavailable');
    expect(confirmed).toHaveLength(1);
    expect(unavailable).toHaveLength(49);
    for (const answer of unavailable) {
      expect(answer.reason).toBe('TAKEN');
      expect(answer.alternatives.length).toBeGreaterThan(0);
      expect(answer.alternatives.map((s: { id: string }) => s.id)).not.toContain(target.id);
    }
    expect(await stack.slot(target.id)).toMatchObject({ status: 'BOOKED', appointmentId: confirmed[0].appointment.id });
    expect(await countAppointments({ slotId: target.id })).toBe(1);
  });

  it('names the alternatives of a refusal (times, zone, location, doctor) from what this service looked up', async () => {
    const service = await stack.createService(30);
    const doctorA = await stack.createDoctor([service.id], 'Dr Named A');
    const doctorB = await stack.createDoctor([service.id], 'Dr Named B');
    const day = stack.freshDay();
    const slotsA = await stack.openSlots(doctorA, day, '09:00', '10:00', 30);
    const slotsB = await stack.openSlots(doctorB, day, '09:00', '09:30', 30);
    await stack.gql(
      BookDocument,
      { input: { slotId: slotsA[0].id, serviceId: service.id } },
      (await stack.patient()).token,
    );

    const response = await stack.gql(
      BookNamingAlternativesDocument,
      { input: { slotId: slotsA[0].id, serviceId: service.id } },
      (await stack.patient()).token,
    );
    expect(response.errors).toBeUndefined();
    expect(variant(response.data!.bookAppointment, 'SlotUnavailable').alternatives).toEqual([
      {
        id: slotsA[1].id,
        startsAt: slotsA[1].startsAt,
        endsAt: slotsA[1].endsAt,
        timeZone: 'UTC',
        location: { id: 'default', name: 'Main location', address: '' },
        doctor: { id: doctorA, name: 'Dr Named A' },
      },
      {
        id: slotsB[0].id,
        startsAt: slotsB[0].startsAt,
        endsAt: slotsB[0].endsAt,
        timeZone: 'UTC',
        location: { id: 'default', name: 'Main location', address: '' },
        doctor: { id: doctorB, name: 'Dr Named B' },
      },
    ]);
  });

  it('books a slot freed by cancelling the winner of a rush at once: the racers left no memory of it taken', async () => {
    const service = await stack.createService(15);
    const doctorId = await stack.createDoctor([service.id]);
    const [target] = await stack.openSlots(doctorId, stack.freshDay(), '08:00', '08:30', 15);
    const patients = await Promise.all(Array.from({ length: 20 }, () => stack.patient()));
    const results = (
      await Promise.all(
        patients.map((p) => stack.gql(BookDocument, { input: { slotId: target.id, serviceId: service.id } }, p.token)),
      )
    ).map((r) => r.data!.bookAppointment);
    const winner = results.findIndex((r) => r.__typename === 'BookingConfirmed');
    expect(results.filter((r) => r.__typename === 'SlotUnavailable' && r.reason === 'TAKEN')).toHaveLength(19);

    const winning = variant(results[winner], 'BookingConfirmed').appointment;
    const cancelled = await stack.gql(CancelDocument, { id: winning.id }, patients[winner].token);
    expect(cancelled.errors).toBeUndefined();
    const loser = patients[(winner + 1) % patients.length];
    const again = await stack.gql(BookDocument, { input: { slotId: target.id, serviceId: service.id } }, loser.token);
    expect(again.data!.bookAppointment).toMatchObject({ __typename: 'BookingConfirmed' });
    expect(await stack.slot(target.id)).toMatchObject({
      status: 'BOOKED',
      appointmentId: variant(again.data!.bookAppointment, 'BookingConfirmed').appointment.id,
    });
  });

  it('does not refuse the others racing for a slot when a racer is refused for reasons of their own (an overlap)', async () => {
    const service = await stack.createService(30);
    const doctorA = await stack.createDoctor([service.id]);
    const doctorB = await stack.createDoctor([service.id]);
    const day = stack.freshDay();
    const [target] = await stack.openSlots(doctorA, day, '14:00', '14:30', 30);
    const [elsewhere] = await stack.openSlots(doctorB, day, '14:00', '14:30', 30);
    const busy = await stack.patient();
    const held = await stack.gql(BookDocument, { input: { slotId: elsewhere.id, serviceId: service.id } }, busy.token);
    expect(held.data!.bookAppointment.__typename).toBe('BookingConfirmed');
    const others = await Promise.all(Array.from({ length: 9 }, () => stack.patient()));

    const [mine, ...theirs] = await Promise.all(
      [busy, ...others].map((p) =>
        stack.gql(BookDocument, { input: { slotId: target.id, serviceId: service.id } }, p.token),
      ),
    );
    expect(errorCode(mine)).toBe('CONFLICT');
    const answers = theirs.map((r) => r.data!.bookAppointment);
    expect(answers.filter((a) => a.__typename === 'BookingConfirmed')).toHaveLength(1);
    expect(answers.filter((a) => a.__typename === 'SlotUnavailable' && a.reason === 'TAKEN')).toHaveLength(8);
    expect(await countAppointments({ slotId: target.id })).toBe(1);
  });

  it('lets one patient racing for ten overlapping slots of ten doctors hold exactly one of them; the rest get CONFLICT', async () => {
    const service = await stack.createService(30);
    const day = stack.freshDay();
    const slots = await Promise.all(
      Array.from(
        { length: 10 },
        async () => (await stack.openSlots(await stack.createDoctor([service.id]), day, '15:00', '15:30', 30))[0],
      ),
    );
    const patient = await stack.patient();
    const responses = await Promise.all(
      slots.map((slot) =>
        stack.gql(BookDocument, { input: { slotId: slot.id, serviceId: service.id } }, patient.token),
      ),
    );
    expect(responses.filter((r) => r.data?.bookAppointment?.__typename === 'BookingConfirmed')).toHaveLength(1);
    expect(responses.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(9);
    expect(await countAppointments({ patientId: patient.id })).toBe(1);
    const booked = await Promise.all(slots.map((slot) => stack.slot(slot.id)));
    expect(booked.filter((slot) => slot.status === 'BOOKED')).toHaveLength(1);
  });

  it('answers the first result for a repeated idempotency key and books once, even when the repeats race', async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const [slot, taken] = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:00', 30);
    const patient = await stack.patient();
    const input = { slotId: slot.id, serviceId: service.id, idempotencyKey: 'retry-1' };

    const racing = await Promise.all([1, 2, 3].map(() => stack.gql(BookDocument, { input }, patient.token)));
    const again = await stack.gql(BookDocument, { input }, patient.token);
    const ids = [...racing, again].map((r) => {
      const answer = r.data?.bookAppointment;
      return answer?.__typename === 'BookingConfirmed' ? answer.appointment.id : undefined;
    });
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBeDefined();
    expect(await countAppointments({ patientId: patient.id })).toBe(1);

    // A first answer of SlotUnavailable is answered again too, and nothing gets booked on the retry.
    const someoneElse = await stack.patient();
    await stack.gql(BookDocument, { input: { slotId: taken.id, serviceId: service.id } }, someoneElse.token);
    const other = await stack.patient();
    const lost = { slotId: taken.id, serviceId: service.id, idempotencyKey: 'retry-2' };
    expect((await stack.gql(BookDocument, { input: lost }, other.token)).data!.bookAppointment.__typename).toBe(
      'SlotUnavailable',
    );
    expect((await stack.gql(BookDocument, { input: lost }, other.token)).data!.bookAppointment).toMatchObject({
      __typename: 'SlotUnavailable',
      reason: 'TAKEN',
    });
    expect(await countAppointments({ patientId: other.id })).toBe(0);
    // Another patient may use the same key: keys are per patient.
    const third = await stack.patient();
    const free = (await stack.openSlots(doctorId, stack.freshDay(), '09:00', '09:30', 30))[0];
    const reuse = await stack.gql(
      BookDocument,
      { input: { slotId: free.id, serviceId: service.id, idempotencyKey: 'retry-1' } },
      third.token,
    );
    expect(reuse.data!.bookAppointment.__typename).toBe('BookingConfirmed');
    expect(await stack.appointment.orm.em.fork().count(IdempotencyKey, { key: 'retry-1' })).toBe(2);
  });

  it('refuses a key sent again for another slot or service, leaving that slot free; the same request still answers the first booking', async () => {
    const service = await stack.createService(30);
    const other = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id, other.id]);
    const [first, second] = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:00', 30);
    const patient = await stack.patient();
    const booked = await stack.gql(
      BookDocument,
      { input: { slotId: first.id, serviceId: service.id, idempotencyKey: 'visit-1' } },
      patient.token,
    );
    const appointmentId = variant(booked.data!.bookAppointment, 'BookingConfirmed').appointment.id;

    for (const input of [
      { slotId: second.id, serviceId: service.id, idempotencyKey: 'visit-1' },
      { slotId: first.id, serviceId: other.id, idempotencyKey: 'visit-1' },
    ]) {
      const reused = await stack.gql(BookDocument, { input }, patient.token);
      expect(errorCode(reused)).toBe('BAD_USER_INPUT');
      expect(reused.errors![0].message).toMatch(/already used for a different booking/);
      expect(reused.errors![0].extensions).toMatchObject({ field: 'idempotencyKey' });
    }
    expect(await stack.slot(second.id)).toMatchObject({ status: 'FREE', appointmentId: null });
    expect(await countAppointments({ patientId: patient.id })).toBe(1);
    const retried = await stack.gql(
      BookDocument,
      { input: { slotId: first.id, serviceId: service.id, idempotencyKey: 'visit-1' } },
      patient.token,
    );
    expect(variant(retried.data!.bookAppointment, 'BookingConfirmed').appointment.id).toBe(appointmentId);
  });

  it('books one slot when one key races for two slots; the other request is refused and its slot stays free', async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:00', 30);
    const patient = await stack.patient();
    const responses = await Promise.all(
      slots.map((slot) =>
        stack.gql(
          BookDocument,
          { input: { slotId: slot.id, serviceId: service.id, idempotencyKey: 'racing-key' } },
          patient.token,
        ),
      ),
    );
    expect(responses.filter((r) => r.data?.bookAppointment?.__typename === 'BookingConfirmed')).toHaveLength(1);
    expect(responses.filter((r) => errorCode(r) === 'BAD_USER_INPUT')).toHaveLength(1);
    const states = await Promise.all(slots.map((slot) => stack.slot(slot.id)));
    expect(states.map((slot) => slot.status).sort()).toEqual(['BOOKED', 'FREE']);
    expect(await countAppointments({ patientId: patient.id })).toBe(1);
  });

  it('stops a patient at MAX_ACTIVE_APPOINTMENTS_PER_PATIENT upcoming appointments with LIMIT_REACHED; past ones do not count, an admin may book beyond it', async () => {
    const service = await stack.createService(15);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '11:00', 15);
    const patient = await stack.patient();
    // A visit that has taken place (never closed by the doctor) holds no time any more.
    const past = new Date(Date.now() - 86_400_000);
    await stack.appointment.orm.em.fork().insert(Appointment, {
      id: randomUUID(),
      patientId: patient.id,
      doctorId,
      serviceId: service.id,
      slotId: randomUUID(),
      startsAt: past,
      endsAt: new Date(past.getTime() + 900_000),
      status: AppointmentStatus.CONFIRMED,
      reason: null,
      price: '35.00',
      currency: 'EUR',
      createdAt: past,
      updatedAt: past,
    });
    for (const slot of slots.slice(0, 6)) {
      expect(
        (await stack.gql(BookDocument, { input: { slotId: slot.id, serviceId: service.id } }, patient.token)).data!
          .bookAppointment.__typename,
      ).toBe('BookingConfirmed');
    }

    const refused = await stack.gql(
      BookDocument,
      { input: { slotId: slots[6].id, serviceId: service.id } },
      patient.token,
    );
    expect(errorCode(refused)).toBe('LIMIT_REACHED');
    expect(refused.errors![0].message).toMatch(/at most 6 upcoming appointments/);
    expect(refused.errors![0].extensions).toMatchObject({ limit: 6 });
    expect(await stack.slot(slots[6].id)).toMatchObject({ status: 'FREE' });
    expect(await countAppointments({ patientId: patient.id })).toBe(7);

    const byAdmin = await stack.gql(
      BookDocument,
      { input: { slotId: slots[6].id, serviceId: service.id, patientId: patient.id } },
      stack.adminToken,
    );
    expect(byAdmin.data!.bookAppointment.__typename).toBe('BookingConfirmed');
    expect(
      errorCode(
        await stack.gql(BookDocument, { input: { slotId: slots[7].id, serviceId: service.id } }, patient.token),
      ),
    ).toBe('LIMIT_REACHED');
  });

  it("lets exactly the allowed number of a patient's parallel bookings through at the limit", async () => {
    const service = await stack.createService(15);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '13:00', '15:30', 15);
    const patient = await stack.patient();
    for (const slot of slots.slice(0, 4))
      await stack.gql(BookDocument, { input: { slotId: slot.id, serviceId: service.id } }, patient.token);

    const racing = slots.slice(4);
    const responses = await Promise.all(
      racing.map((slot) =>
        stack.gql(BookDocument, { input: { slotId: slot.id, serviceId: service.id } }, patient.token),
      ),
    );
    expect(responses.filter((r) => r.data?.bookAppointment?.__typename === 'BookingConfirmed')).toHaveLength(2);
    expect(responses.filter((r) => errorCode(r) === 'LIMIT_REACHED')).toHaveLength(racing.length - 2);
    expect(await countAppointments({ patientId: patient.id })).toBe(6);
    const states = await Promise.all(racing.map((slot) => stack.slot(slot.id)));
    expect(states.filter((slot) => slot.status === 'BOOKED')).toHaveLength(2);
  });

  it('refuses each broken rule with its code and writes nothing', async () => {
    const service = await stack.createService(30);
    const long = await stack.createService(45);
    const notOffered = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id, long.id]);
    const otherDoctor = await stack.createDoctor([service.id]);
    const day = stack.freshDay();
    const [slot, second] = await stack.openSlots(doctorId, day, '09:00', '10:00', 30);
    const [sameTime] = await stack.openSlots(otherDoctor, day, '09:00', '09:30', 30);
    const patient = await stack.patient();
    const before = await countAppointments();
    const book = (input: Partial<BookAppointmentInput>, token?: string) =>
      stack.gql(BookDocument, { input: { slotId: slot.id, serviceId: service.id, ...input } }, token);

    expect(errorCode(await book({}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await book({ patientId: (await stack.patient()).id }, patient.token))).toBe('FORBIDDEN');
    expect(errorCode(await book({}, await stack.doctorToken(doctorId)))).toBe('FORBIDDEN');
    expect(errorCode(await book({}, stack.adminToken))).toBe('BAD_USER_INPUT');
    const notOfferedResponse = await book({ serviceId: notOffered.id }, patient.token);
    expect(errorCode(notOfferedResponse)).toBe('BAD_USER_INPUT');
    expect(notOfferedResponse.errors![0].message).toMatch(/does not offer/);
    // 45 minutes from 09:30 would run past the doctor's last slot (ends 10:00): refused, naming the latest end.
    const tooShort = await book({ slotId: second.id, serviceId: long.id }, patient.token);
    expect(errorCode(tooShort)).toBe('BAD_USER_INPUT');
    expect(tooShort.errors![0].message).toMatch(
      /takes 45 minutes, until .*T10:15:00\.000Z, but the doctor's consecutive slots from this start end at .*T10:00:00\.000Z/,
    );
    expect(await stack.slot(second.id)).toMatchObject({ status: 'FREE' });
    expect(errorCode(await book({ reason: 'x'.repeat(501) }, patient.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await book({ idempotencyKey: 'has spaces' }, patient.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await book({ slotId: 'no-such-slot' }, patient.token))).toBe('NOT_FOUND');
    expect(errorCode(await book({ serviceId: 'no-such-service' }, patient.token))).toBe('NOT_FOUND');
    expect(await countAppointments()).toBe(before);

    // Overlap: one active appointment at a time per patient, whoever the doctor.
    expect((await book({}, patient.token)).data!.bookAppointment.__typename).toBe('BookingConfirmed');
    const overlap = await stack.gql(
      BookDocument,
      { input: { slotId: sameTime.id, serviceId: service.id } },
      patient.token,
    );
    expect(errorCode(overlap)).toBe('CONFLICT');
    expect(overlap.errors![0].message).toMatch(/overlaps this time/);
    expect(await stack.slot(sameTime.id)).toMatchObject({ status: 'FREE' });
    // Back to back is fine; an admin may book for the patient.
    const adjacent = await stack.gql(
      BookDocument,
      { input: { slotId: second.id, serviceId: service.id, patientId: patient.id } },
      stack.adminToken,
    );
    expect(adjacent.data!.bookAppointment.__typename).toBe('BookingConfirmed');
    expect(await countAppointments({ patientId: patient.id })).toBe(2);
  });
});
