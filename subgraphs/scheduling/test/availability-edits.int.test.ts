import { DomainEvent, OutboxEvent, Role } from '@carebook/platform';
import { anyString, errorCode } from '@carebook/platform/testing';
import { randomUUID } from 'node:crypto';
import { SlotStatus } from '../src/entities/slot-status.enum';
import { Slot } from '../src/entities/slot.entity';
import { TimeOff } from '../src/entities/time-off.entity';
import { dayAfter, eachStore, Harness, startHarness, doctorRef } from './harness';
import {
  AddAvailabilityDocument,
  AddTimeOffDocument,
  CloseClinicDocument,
  DoctorTimeOffDocument,
  RemoveAvailabilityDocument,
  RemoveTimeOffDocument,
  SetWeeklyDocument,
} from './generated/operations';

/**
 * Editing a doctor's availability once patients have booked: time off is
 * refused over booked appointments (listing them), removals never touch a
 * booked slot, closures apply the same rule to many doctors at once, and a
 * booking racing a time off is either refused or listed, never unknown.
 * (Cancelling with cancelBooked goes through the appointment service: see
 * test/e2e/availability-edits.e2e.test.ts.)
 */
eachStore('availability edits: time off over bookings, removals, clinic closures (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness(databaseUrl());
    admin = await h.token(Role.ADMIN);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const at = (date: string, time: string) => `${date}T${time}:00.000Z`;
  const openDay = async (doctorId: string, date: string, startTime: string, endTime: string, slotMinutes = 60) => {
    const response = await h.gql(AddAvailabilityDocument, { doctorId, date, startTime, endTime, slotMinutes }, admin);
    expect(response.errors).toBeUndefined();
    return response.data!.addAvailability;
  };
  const book = (slotId: string, appointmentId = randomUUID()) =>
    h.asAppointment.call('scheduling', 'book-slot', { slotId, appointmentId }).then(() => appointmentId);
  const statuses = async (doctorId: string) =>
    (await h.orm.em.fork().find(Slot, { doctorId }, { orderBy: { startsAt: 'asc' } })).map((slot) => [
      slot.startsAt.toISOString().slice(11, 16),
      slot.status,
    ]);
  const timeOffCount = (doctorId: string) => h.orm.em.fork().count(TimeOff, { doctorId });
  const listed = async (doctorId: string, token = admin) =>
    (await h.gql(DoctorTimeOffDocument, doctorRef(doctorId), token)).data!._entities[0]!;

  it('refuses a time off over a booked appointment by default, naming it, and writes nothing', async () => {
    const doctorId = await h.createDoctor();
    const { date } = dayAfter(3);
    const slots = await openDay(doctorId, date, '09:00', '12:00');
    const appointmentId = await book(slots[1].id);
    const response = await h.gql(
      AddTimeOffDocument,
      { doctorId, from: at(date, '08:00'), to: at(date, '12:00'), reason: 'Conference' },
      await h.token(Role.DOCTOR, doctorId),
    );
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors![0].message).toMatch(
      /^One booked appointment falls in this time off: .* 10:00 UTC\. Move them first, or ask again with cancelBooked: true/,
    );
    expect(response.errors![0].extensions).toMatchObject({
      reason: 'BOOKED_APPOINTMENTS',
      // No appointment or patient service runs in this harness: the patient stays unnamed rather than the refusal failing.
      // Its zone too (the default location's here), so a screen reads the time on the clock the message uses.
      appointments: [
        {
          appointmentId,
          slotId: slots[1].id,
          doctorId,
          startsAt: at(date, '10:00'),
          patientId: null,
          patientName: null,
          timeZone: 'UTC',
        },
      ],
    });
    expect(await timeOffCount(doctorId)).toBe(0);
    expect(await statuses(doctorId)).toEqual([
      ['09:00', 'FREE'],
      ['10:00', 'BOOKED'],
      ['11:00', 'FREE'],
    ]);
    expect(await h.orm.em.fork().count(OutboxEvent, { type: 'SLOT_BLOCKED', aggregateId: doctorId })).toBe(0);

    // Around the booking it is fine.
    const before = await h.gql(AddTimeOffDocument, { doctorId, from: at(date, '08:00'), to: at(date, '10:00') }, admin);
    expect(before.data!.addTimeOff).toMatchObject({ blockedSlots: 1, cancelled: [], conflicts: [] });
  });

  it("records an admin's edits for the action log in the outbox with the change; a doctor's own and refused ones not", async () => {
    const adminId = randomUUID();
    const asAdmin = await h.token(Role.ADMIN, adminId);
    const logged = async () =>
      (
        await h.orm.em
          .fork()
          .find(OutboxEvent, { type: 'ADMIN_ACTION_TAKEN', aggregateId: adminId }, { orderBy: { position: 'asc' } })
      ).map((row) => {
        const { action, targetId, details } = (JSON.parse(row.envelope) as DomainEvent<'ADMIN_ACTION_TAKEN'>).payload;
        return { action, targetId, details };
      });
    const doctorId = await h.createDoctor();
    const { date } = dayAfter(4);
    const opened = await h.gql(
      AddAvailabilityDocument,
      { doctorId, date, startTime: '09:00', endTime: '11:00', slotMinutes: 60 },
      asAdmin,
    );
    expect(opened.errors).toBeUndefined();
    const slots = opened.data!.addAvailability;
    await book(slots[0].id);
    // Refused over the booking: neither the time off nor its entry is written.
    const refused = await h.gql(
      AddTimeOffDocument,
      { doctorId, from: at(date, '09:00'), to: at(date, '11:00') },
      asAdmin,
    );
    expect(errorCode(refused)).toBe('CONFLICT');
    const doctorsOwn = await h.gql(
      AddTimeOffDocument,
      { doctorId, from: slots[1].startsAt, to: slots[1].endsAt },
      await h.token(Role.DOCTOR, doctorId),
    );
    expect(doctorsOwn.errors).toBeUndefined();
    const removed = await h.gql(RemoveTimeOffDocument, { id: doctorsOwn.data!.addTimeOff.timeOff.id }, asAdmin);
    expect(removed.errors).toBeUndefined();
    expect(await logged()).toEqual([
      {
        action: 'ADD_AVAILABILITY',
        targetId: doctorId,
        details: { date, startTime: '09:00', endTime: '11:00', slotMinutes: 60 },
      },
      {
        action: 'REMOVE_TIME_OFF',
        targetId: doctorId,
        details: { timeOffId: doctorsOwn.data!.addTimeOff.timeOff.id },
      },
    ]);
  });

  it('lists time off and one-off days by id, to the doctor and admins only', async () => {
    const doctorId = await h.createDoctor();
    const { date } = dayAfter(4);
    await openDay(doctorId, date, '14:00', '16:00', 30);
    const off = (
      await h.gql(
        AddTimeOffDocument,
        { doctorId, from: at(date, '15:00'), to: at(date, '16:00'), reason: 'Dentist' },
        admin,
      )
    ).data!.addTimeOff.timeOff;
    const doctor = await h.token(Role.DOCTOR, doctorId);
    expect(await listed(doctorId, doctor)).toEqual({
      id: doctorId,
      timeOffs: [{ id: off.id, startsAt: at(date, '15:00'), endsAt: at(date, '16:00'), reason: 'Dentist' }],
      oneOffAvailability: [{ id: anyString(), date, startTime: '14:00', endTime: '16:00', slotMinutes: 30 }],
    });
    for (const [token, code] of [
      [await h.token(Role.DOCTOR, randomUUID()), 'FORBIDDEN'],
      [await h.token(Role.PATIENT), 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      expect(errorCode(await h.gql(DoctorTimeOffDocument, doctorRef(doctorId), token))).toBe(code);
    }
  });

  it('removes a time off: its blocked slots are bookable again, except under another time off', async () => {
    const doctorId = await h.createDoctor();
    const { date } = dayAfter(5);
    await openDay(doctorId, date, '09:00', '13:00');
    const long = (await h.gql(AddTimeOffDocument, { doctorId, from: at(date, '09:00'), to: at(date, '12:00') }, admin))
      .data!.addTimeOff;
    const short = (await h.gql(AddTimeOffDocument, { doctorId, from: at(date, '11:00'), to: at(date, '12:00') }, admin))
      .data!.addTimeOff;
    expect([long.blockedSlots, short.blockedSlots]).toEqual([3, 0]);

    const other = await h.token(Role.DOCTOR, randomUUID());
    expect(errorCode(await h.gql(RemoveTimeOffDocument, { id: long.timeOff.id }, other))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(RemoveTimeOffDocument, { id: long.timeOff.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(RemoveTimeOffDocument, { id: randomUUID() }, admin))).toBe('NOT_FOUND');
    expect(await timeOffCount(doctorId)).toBe(2);

    const removed = await h.gql(RemoveTimeOffDocument, { id: long.timeOff.id }, await h.token(Role.DOCTOR, doctorId));
    expect(removed.data!.removeTimeOff).toEqual({ id: long.timeOff.id, reopenedSlots: 2 });
    expect(await statuses(doctorId)).toEqual([
      ['09:00', 'FREE'],
      ['10:00', 'FREE'],
      ['11:00', 'BLOCKED'],
      ['12:00', 'FREE'],
    ]);
    expect(errorCode(await h.gql(RemoveTimeOffDocument, { id: long.timeOff.id }, admin))).toBe('NOT_FOUND');
    expect((await listed(doctorId)).timeOffs.map((t: { id: string }) => t.id)).toEqual([short.timeOff.id]);
    expect(await h.orm.em.fork().count(OutboxEvent, { type: 'SLOTS_OPENED', aggregateId: doctorId })).toBe(2);
  });

  it('removes a one-off day: free slots go, booked ones stay booked and are listed, weekly-hour slots stay', async () => {
    const doctorId = await h.createDoctor();
    const { date, dayOfWeek } = dayAfter(6);
    expect(
      (
        await h.gql(
          SetWeeklyDocument,
          { doctorId, rules: [{ dayOfWeek, startTime: '09:00', endTime: '10:00', slotMinutes: 60 }] },
          admin,
        )
      ).errors,
    ).toBeUndefined();
    const extra = await openDay(doctorId, date, '10:00', '13:00');
    const appointmentId = await book(extra[1].id);
    const day = (await listed(doctorId)).oneOffAvailability[0];

    expect(
      errorCode(await h.gql(RemoveAvailabilityDocument, { id: day.id }, await h.token(Role.DOCTOR, randomUUID()))),
    ).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(RemoveAvailabilityDocument, { id: randomUUID() }, admin))).toBe('NOT_FOUND');

    const removed = await h.gql(RemoveAvailabilityDocument, { id: day.id }, await h.token(Role.DOCTOR, doctorId));
    expect(removed.data!.removeAvailability).toEqual({
      id: day.id,
      removedSlots: 2,
      keptAppointments: [{ id: appointmentId }],
    });
    const dayRows = await h.orm.em
      .fork()
      .find(
        Slot,
        { doctorId, startsAt: { $gte: new Date(at(date, '00:00')), $lt: new Date(at(date, '23:59')) } },
        { orderBy: { startsAt: 'asc' } },
      );
    expect(dayRows.map((slot) => [slot.startsAt.toISOString().slice(11, 16), slot.status, slot.appointmentId])).toEqual(
      [
        ['09:00', SlotStatus.FREE, null],
        ['11:00', SlotStatus.BOOKED, appointmentId],
      ],
    );
    expect((await listed(doctorId)).oneOffAvailability).toEqual([]);
    expect(errorCode(await h.gql(RemoveAvailabilityDocument, { id: day.id }, admin))).toBe('NOT_FOUND');
  });

  it('closes the clinic for the listed doctors on whole days, refusing over bookings as a time off does; admins only', async () => {
    const [first, second] = [await h.createDoctor(), await h.createDoctor()];
    const { date } = dayAfter(8);
    await openDay(first, date, '09:00', '11:00');
    const secondSlots = await openDay(second, date, '09:00', '11:00');
    const closure = { from: date, to: date, doctorIds: [first, second], reason: 'Public holiday' };

    expect(errorCode(await h.gql(CloseClinicDocument, closure, await h.token(Role.DOCTOR, first)))).toBe('FORBIDDEN');
    const appointmentId = await book(secondSlots[0].id);
    const refused = await h.gql(CloseClinicDocument, closure, admin);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0].message).toMatch(/^One booked appointment falls in the closure/);
    expect(refused.errors![0].extensions!.appointments).toEqual([
      expect.objectContaining({ appointmentId, doctorId: second }),
    ]);
    expect((await timeOffCount(first)) + (await timeOffCount(second))).toBe(0);
    expect(await statuses(first)).toEqual([
      ['09:00', 'FREE'],
      ['10:00', 'FREE'],
    ]);

    const firstOnly = await h.gql(CloseClinicDocument, { ...closure, doctorIds: [first] }, admin);
    expect(firstOnly.data!.closeClinic).toEqual({
      timeOffs: [
        {
          id: anyString(),
          startsAt: at(date, '00:00'),
          endsAt: at(dayAfter(9).date, '00:00'),
          doctor: { id: first },
        },
      ],
      blockedSlots: 2,
      cancelled: [],
      conflicts: [],
    });
    expect(await statuses(first)).toEqual([
      ['09:00', 'BLOCKED'],
      ['10:00', 'BLOCKED'],
    ]);
  });

  it.each([
    ['an unknown doctor', () => ({ doctorIds: [randomUUID()] }), /no doctor with id/],
    ['an empty doctor list', () => ({ doctorIds: [] }), /lists no doctor/],
    ['a day in the past', () => ({ from: dayAfter(-2).date, to: dayAfter(1).date }), /in the past/],
    ['to before from', () => ({ from: dayAfter(3).date, to: dayAfter(2).date }), /on or after from/],
    ['a date that is not one', () => ({ from: '2026-02-30' }), /date/],
    ['a reason over 500 characters', () => ({ reason: 'x'.repeat(501) }), /500 characters/],
  ])('refuses a closure with %s (BAD_USER_INPUT, nothing written)', async (_case, change, message) => {
    const doctorId = await h.createDoctor();
    await openDay(doctorId, dayAfter(2).date, '09:00', '10:00');
    const response = await h.gql(
      CloseClinicDocument,
      { from: dayAfter(2).date, to: dayAfter(2).date, doctorIds: [doctorId], ...change() },
      admin,
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(message);
    expect(await timeOffCount(doctorId)).toBe(0);
  });

  it('races a time off against bookings of the slots in it: each booking is refused or the time off is, never both through', async () => {
    for (let round = 0; round < 6; round++) {
      const doctorId = await h.createDoctor();
      const { date } = dayAfter(10 + round);
      const slots = await openDay(doctorId, date, '09:00', '12:00', 30);
      const bookings = slots.map((slot) =>
        book(slot.id).then(
          () => 'BOOKED' as const,
          (error) => refusalReason(error),
        ),
      );
      const timeOff = h.gql(AddTimeOffDocument, { doctorId, from: at(date, '09:00'), to: at(date, '12:00') }, admin);
      const [offResponse, ...booked] = await Promise.all([timeOff, ...bookings]);
      const rows = await h.orm.em.fork().find(Slot, { doctorId });
      const timeOffs = await timeOffCount(doctorId);
      if (offResponse.errors) {
        // The time off lost: it names bookings that won (later ones may have won after it), and nothing of it was written.
        expect(errorCode(offResponse)).toBe('CONFLICT');
        const named = (offResponse.errors[0].extensions!.appointments as Array<{ slotId: string }>).map(
          (c) => c.slotId,
        );
        const won = slots.filter((_, i) => booked[i] === 'BOOKED').map((s) => s.id);
        expect(named.length).toBeGreaterThan(0);
        expect(won).toEqual(expect.arrayContaining(named));
        expect(booked.every((outcome) => outcome === 'BOOKED')).toBe(true);
        expect(timeOffs).toBe(0);
        expect(rows.every((row) => row.status !== SlotStatus.BLOCKED)).toBe(true);
      } else {
        // The time off won: every booking was refused as BLOCKED, and no slot inside it is booked.
        expect(booked.every((outcome) => outcome === 'BLOCKED')).toBe(true);
        expect(offResponse.data!.addTimeOff.conflicts).toEqual([]);
        expect(timeOffs).toBe(1);
        expect(rows.every((row) => row.status === SlotStatus.BLOCKED)).toBe(true);
      }
    }
  });
});

function refusalReason(error: unknown): string {
  const e = error as { extensions?: { reason?: string } };
  return String(e.extensions?.reason ?? 'ERROR');
}
