import { OutboxEvent, Role } from '@carebook/platform';
import { anyString, errorCode } from '@carebook/platform/testing';
import { randomUUID } from 'node:crypto';
import { Slot } from '../src/entities/slot.entity';
import { SlotStatus } from '../src/entities/slot-status.enum';
import { dayAfter, Harness, startHarness, eachStore, doctorRef } from './harness';
import {
  AddAvailabilityDocument,
  AddTimeOffDocument,
  AvailableSlotsDocument,
  CalendarDocument,
  DoctorScheduleDocument,
} from './generated/operations';

const DAY_MS = 24 * 3600_000;

eachStore('one-off days, time off, free slots, the calendar and Doctor.schedule (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;
  let shortService: string;
  let longService: string;

  beforeAll(async () => {
    h = await startHarness(databaseUrl());
    admin = await h.token(Role.ADMIN);
    [shortService, longService] = [await h.createService(30), await h.createService(60)];
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const addDay = (
    doctorId: string,
    date: string,
    startTime: string,
    endTime: string,
    slotMinutes: number,
    token = admin,
  ) => h.gql(AddAvailabilityDocument, { doctorId, date, startTime, endTime, slotMinutes }, token);
  const events = (type: string, aggregateId: string) => h.orm.em.fork().count(OutboxEvent, { type, aggregateId });
  const slotCount = (doctorId: string) => h.orm.em.fork().count(Slot, { doctorId });

  it('opens a one-off day for the doctor themself, once however often it is sent', async () => {
    const doctorId = await h.createDoctor();
    const doctor = await h.token(Role.DOCTOR, doctorId);
    const { date } = dayAfter(5);
    const first = await addDay(doctorId, date, '08:00', '10:00', 40, doctor);
    expect(first.errors).toBeUndefined();
    expect(first.data!.addAvailability.map((s) => [s.startsAt, s.endsAt, s.status])).toEqual([
      [`${date}T08:00:00.000Z`, `${date}T08:40:00.000Z`, 'FREE'],
      [`${date}T08:40:00.000Z`, `${date}T09:20:00.000Z`, 'FREE'],
      [`${date}T09:20:00.000Z`, `${date}T10:00:00.000Z`, 'FREE'],
    ]);
    const again = await addDay(doctorId, date, '08:00', '10:00', 40, doctor);
    expect(again.data!.addAvailability).toEqual(first.data!.addAvailability);
    expect(await slotCount(doctorId)).toBe(3);
    expect(await events('SLOTS_OPENED', doctorId)).toBe(1);
  });

  it.each([
    ['a date in the past', { date: dayAfter(-1).date }, /in the past/],
    ['end before start', { startTime: '12:00', endTime: '10:00' }, /after startTime/],
    ['slotMinutes outside 5..240', { slotMinutes: 300 }, /5 to 240/],
    ['a time not written HH:MM', { endTime: '12.00' }, /HH:MM/],
  ])('refuses a one-off day with %s (BAD_USER_INPUT, nothing written)', async (_case, change, message) => {
    const doctorId = await h.createDoctor();
    const input = {
      doctorId,
      date: dayAfter(2).date,
      startTime: '09:00',
      endTime: '11:00',
      slotMinutes: 30,
      ...change,
    };
    const response = await h.gql(AddAvailabilityDocument, input, admin);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(message);
    expect(await slotCount(doctorId)).toBe(0);
  });

  it('refuses schedule changes by another doctor or a patient (FORBIDDEN) and by anyone signed out (UNAUTHENTICATED)', async () => {
    const doctorId = await h.createDoctor();
    const other = await h.token(Role.DOCTOR, await h.createDoctor());
    const patient = await h.token(Role.PATIENT);
    const timeOff = {
      doctorId,
      from: new Date(Date.now() + DAY_MS).toISOString(),
      to: new Date(Date.now() + 2 * DAY_MS).toISOString(),
    };
    for (const [token, code] of [
      [other, 'FORBIDDEN'],
      [patient, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const day = { doctorId, date: dayAfter(2).date, startTime: '09:00', endTime: '10:00', slotMinutes: 30 };
      expect(errorCode(await h.gql(AddAvailabilityDocument, day, token))).toBe(code);
      expect(errorCode(await h.gql(AddTimeOffDocument, timeOff, token))).toBe(code);
    }
    expect(await slotCount(doctorId)).toBe(0);
  });

  it('blocks the free slots of a time off and records SLOT_BLOCKED; a slot opened later inside it opens BLOCKED', async () => {
    const doctorId = await h.createDoctor();
    const { date } = dayAfter(3);
    const slots = (await addDay(doctorId, date, '09:00', '12:00', 60)).data!.addAvailability;
    const response = await h.gql(
      AddTimeOffDocument,
      { doctorId, from: `${date}T08:00:00Z`, to: `${date}T10:00:00Z`, reason: 'Conference' },
      await h.token(Role.DOCTOR, doctorId),
    );
    expect(response.data!.addTimeOff).toEqual({
      timeOff: {
        id: anyString(),
        startsAt: `${date}T08:00:00.000Z`,
        endsAt: `${date}T10:00:00.000Z`,
        reason: 'Conference',
      },
      blockedSlots: 1,
      cancelled: [],
      conflicts: [],
    });
    const free = await h.gql(AvailableSlotsDocument, { doctorId, from: `${date}T00:00:00Z`, to: `${date}T23:59:59Z` });
    expect(free.data!.availableSlots.map((s) => s.id)).toEqual([slots[1].id, slots[2].id]);
    expect(await events('SLOT_BLOCKED', doctorId)).toBe(1);

    // A slot opened later inside the time off opens BLOCKED.
    await addDay(doctorId, date, '08:00', '09:00', 60);
    const early = await h.orm.em.fork().findOneOrFail(Slot, { doctorId, startsAt: new Date(`${date}T08:00:00Z`) });
    expect(early.status).toBe(SlotStatus.BLOCKED);
  });

  it.each([
    ['to before from', 2, 1, /after from/],
    ['a range over 92 days', 1, 94, /92 days/],
    ['a period already over', -3, -2, /past/],
  ])('refuses a time off with %s (BAD_USER_INPUT, nothing blocked)', async (_case, fromDays, toDays, message) => {
    const doctorId = await h.createDoctor();
    await addDay(doctorId, dayAfter(1).date, '09:00', '10:00', 30);
    const range = {
      from: new Date(Date.now() + fromDays * DAY_MS).toISOString(),
      to: new Date(Date.now() + toDays * DAY_MS).toISOString(),
    };
    const response = await h.gql(AddTimeOffDocument, { doctorId, ...range }, admin);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(message);
    expect(await h.orm.em.fork().count(Slot, { doctorId, status: SlotStatus.FREE })).toBe(2);
  });

  it('answers only free future slots, and with a service only if the doctor offers it and its whole length fits', async () => {
    const doctorId = await h.createDoctor([shortService, longService]);
    const notOffering = await h.createDoctor([shortService]);
    const { date } = dayAfter(4);
    await addDay(doctorId, date, '09:00', '10:00', 30);
    await addDay(doctorId, date, '14:00', '16:00', 60);
    const em = h.orm.em.fork();
    await em.persistAndFlush(
      em.create(Slot, {
        doctorId,
        startsAt: new Date(Date.now() - 2 * 3600_000),
        endsAt: new Date(Date.now() - 3600_000),
        minutes: 60,
      }),
    );
    const range = {
      from: new Date(Date.now() - DAY_MS).toISOString(),
      to: new Date(Date.now() + 10 * DAY_MS).toISOString(),
    };
    const all = await h.gql(AvailableSlotsDocument, { doctorId, ...range });
    expect(all.data!.availableSlots.map((s) => s.startsAt)).toEqual([
      `${date}T09:00:00.000Z`,
      `${date}T09:30:00.000Z`,
      `${date}T14:00:00.000Z`,
      `${date}T15:00:00.000Z`,
    ]);
    const long = await h.gql(AvailableSlotsDocument, { doctorId, ...range, serviceId: longService });
    // 60 minutes from 09:00 run over two back-to-back 30-minute slots; from 09:30 they would run past the last one.
    expect(long.data!.availableSlots.map((s) => s.startsAt)).toEqual([
      `${date}T09:00:00.000Z`,
      `${date}T14:00:00.000Z`,
      `${date}T15:00:00.000Z`,
    ]);
    expect(
      errorCode(await h.gql(AvailableSlotsDocument, { doctorId: notOffering, ...range, serviceId: longService })),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(AvailableSlotsDocument, { doctorId, ...range, serviceId: randomUUID() }))).toBe(
      'NOT_FOUND',
    );
    const tooLong = { from: range.from, to: new Date(Date.now() + 100 * DAY_MS).toISOString() };
    expect(errorCode(await h.gql(AvailableSlotsDocument, { doctorId, ...tooLong }))).toBe('BAD_USER_INPUT');
  });

  it('gives per day the doctors with free future slots, how many and the first, filtered by service and specialty', async () => {
    const offers = await h.createDoctor([longService], 'Dermatology');
    const other = await h.createDoctor([shortService], 'Dermatology');
    const [d1, d2] = [dayAfter(6).date, dayAfter(7).date];
    await addDay(offers, d1, '10:00', '12:00', 60);
    await addDay(offers, d2, '09:00', '10:00', 60);
    await addDay(other, d1, '08:00', '09:00', 30);
    const calendar = await h.gql(CalendarDocument, { from: d1, to: d2, specialty: 'Dermatology' });
    expect(calendar.errors).toBeUndefined();
    expect(calendar.data!.availabilityCalendar).toEqual([
      {
        date: d1,
        doctors: [
          {
            doctor: { id: other },
            freeSlots: 2,
            firstSlot: { id: anyString(), startsAt: `${d1}T08:00:00.000Z`, endsAt: `${d1}T08:30:00.000Z` },
          },
          {
            doctor: { id: offers },
            freeSlots: 2,
            firstSlot: { id: anyString(), startsAt: `${d1}T10:00:00.000Z`, endsAt: `${d1}T11:00:00.000Z` },
          },
        ],
      },
      {
        date: d2,
        doctors: [
          {
            doctor: { id: offers },
            freeSlots: 1,
            firstSlot: { id: anyString(), startsAt: `${d2}T09:00:00.000Z`, endsAt: `${d2}T10:00:00.000Z` },
          },
        ],
      },
    ]);
    const first = await h.orm.em
      .fork()
      .findOneOrFail(Slot, { id: calendar.data!.availabilityCalendar[0].doctors[1].firstSlot!.id });
    expect(first).toMatchObject({ doctorId: offers, startsAt: new Date(`${d1}T10:00:00Z`) });

    const byService = await h.gql(CalendarDocument, { from: d1, to: d1, serviceId: longService });
    expect(byService.data!.availabilityCalendar[0].doctors.map((d) => d.doctor.id)).toEqual([offers]);
    const unfiltered = await h.gql(CalendarDocument, { from: d1, to: d1 });
    expect(unfiltered.data!.availabilityCalendar[0].doctors.map((d) => d.doctor.id)).toEqual(
      expect.arrayContaining([offers, other]),
    );
    const nobody = await h.gql(CalendarDocument, { from: d1, to: d2, specialty: 'Nobody-has-this' });
    expect(nobody.data!.availabilityCalendar).toEqual([
      { date: d1, doctors: [] },
      { date: d2, doctors: [] },
    ]);

    expect(errorCode(await h.gql(CalendarDocument, { from: d2, to: d1 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(CalendarDocument, { from: d1, to: dayAfter(6 + 92).date }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(CalendarDocument, { from: d1, to: '2026-02-30' }))).toBe('BAD_USER_INPUT');
  });

  it('shows Doctor.schedule to the doctor themself and admins only; weeklyAvailability to anyone', async () => {
    const doctorId = await h.createDoctor();
    const { date } = dayAfter(8);
    await addDay(doctorId, date, '09:00', '10:00', 30);
    const range = { ...doctorRef(doctorId), from: `${date}T00:00:00Z`, to: `${date}T23:59:59Z` };
    const own = await h.gql(DoctorScheduleDocument, range, await h.token(Role.DOCTOR, doctorId));
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities[0]!.schedule.map((s) => [s.startsAt, s.status, s.doctor.id])).toEqual([
      [`${date}T09:00:00.000Z`, 'FREE', doctorId],
      [`${date}T09:30:00.000Z`, 'FREE', doctorId],
    ]);
    expect((await h.gql(DoctorScheduleDocument, range, admin)).data!._entities[0]!.schedule).toHaveLength(2);
    expect(
      errorCode(await h.gql(DoctorScheduleDocument, range, await h.token(Role.DOCTOR, await h.createDoctor()))),
    ).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(DoctorScheduleDocument, range, await h.token(Role.PATIENT)))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(DoctorScheduleDocument, range))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(await h.gql(DoctorScheduleDocument, { ...range, to: `${dayAfter(200).date}T00:00:00Z` }, admin)),
    ).toBe('BAD_USER_INPUT');
  });
});
