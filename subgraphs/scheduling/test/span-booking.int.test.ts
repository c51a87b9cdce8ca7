import { bookingSpan, OutboxEvent, Role } from '@carebook/platform';
import { randomUUID } from 'node:crypto';
import { SlotStatus } from '../src/entities/slot-status.enum';
import { Slot } from '../src/entities/slot.entity';
import {
  dayAfter,
  Harness,
  OpenedSlot as SlotJson,
  refusal,
  refusalOf,
  SchedulingAnswer,
  startHarness,
  eachStore,
} from './harness';
import { AddTimeOffDocument, AvailableSlotsDocument, CalendarDocument } from './generated/operations';

/** A service's needs as the appointment service sends them: the span from the slot's start (platform's bookingSpan). */
const spanFor = (
  slot: SlotJson,
  needs: { durationMinutes: number; bufferBeforeMinutes?: number; bufferAfterMinutes?: number },
) => {
  const span = bookingSpan(slot, needs);
  return {
    endsAt: span.endsAt.toISOString(),
    heldFrom: span.heldFrom.toISOString(),
    heldUntil: span.heldUntil.toISOString(),
  };
};

eachStore('services longer than one slot, and buffers (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness(databaseUrl());
    admin = await h.token(Role.ADMIN);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const openDay = (doctorId: string, date: string, startTime: string, endTime: string) =>
    h.openDay(doctorId, date, startTime, endTime);

  const bookSpan = (slot: SlotJson, appointmentId: string, span: ReturnType<typeof spanFor>) =>
    h.asAppointment.call<SchedulingAnswer<'bookSlot'>>('scheduling', 'book-slot', {
      slotId: slot.id,
      appointmentId,
      span,
    });
  const release = (appointmentId: string, keep?: { from: string; until: string }) =>
    h.asAppointment.call<{ released: boolean }>('scheduling', 'release-slot', {
      appointmentId,
      ...(keep ? { keep } : {}),
    });
  const states = async (slots: SlotJson[]) => {
    const rows = await h.orm.em
      .fork()
      .find(Slot, { id: { $in: slots.map((s) => s.id) } }, { orderBy: { startsAt: 'asc' } });
    return rows.map((row) => [row.startsAt.toISOString().slice(11, 16), row.status, row.appointmentId]);
  };

  it('books the slots a longer service runs over (BOOKED) and those its buffers touch (HELD), all or none, and releases them all', async () => {
    const doctorId = await h.createDoctor();
    const slots = await openDay(doctorId, dayAfter(2).date, '13:00', '16:00'); // 13:00 .. 15:30
    const [a, b, c, d, e] = slots;
    const mine = randomUUID();
    const span = spanFor(b, { durationMinutes: 60, bufferBeforeMinutes: 10, bufferAfterMinutes: 10 });
    expect(await bookSpan(b, mine, span)).toEqual({ slotId: b.id, doctorId, startsAt: b.startsAt, endsAt: b.endsAt });
    expect(await states(slots.slice(0, 5))).toEqual([
      ['13:00', 'HELD', mine],
      ['13:30', 'BOOKED', mine],
      ['14:00', 'BOOKED', mine],
      ['14:30', 'HELD', mine],
      ['15:00', 'FREE', null],
    ]);
    expect(
      await h.orm.em.fork().count(OutboxEvent, { type: 'SLOT_BOOKED', aggregateId: { $in: [a.id, b.id, c.id, d.id] } }),
    ).toBe(4);
    // Asked again (a retry): the same answer, nothing new.
    expect(await bookSpan(b, mine, span)).toMatchObject({ slotId: b.id });
    expect(
      await h.orm.em.fork().count(OutboxEvent, { type: 'SLOT_BOOKED', aggregateId: { $in: [a.id, b.id, c.id, d.id] } }),
    ).toBe(4);

    // Another booking whose time touches one of those slots gets none of its slots.
    const other = randomUUID();
    expect(
      await refusal(bookSpan(e, other, spanFor(e, { durationMinutes: 30, bufferBeforeMinutes: 30 }))),
    ).toMatchObject({ code: 'CONFLICT', reason: 'TAKEN' });
    expect(await refusal(bookSpan(d, other, spanFor(d, { durationMinutes: 30 })))).toMatchObject({
      code: 'CONFLICT',
      reason: 'TAKEN',
    });
    expect((await states([e]))[0]).toEqual(['15:00', 'FREE', null]);

    // A reschedule keeps what the new time touches and gives back the rest.
    expect(await release(mine, { from: b.startsAt, until: c.endsAt })).toEqual({ released: true });
    expect((await states(slots.slice(0, 4))).map((row) => row[1])).toEqual(['FREE', 'BOOKED', 'BOOKED', 'FREE']);
    expect(await release(mine)).toEqual({ released: true });
    expect((await states(slots)).every((row) => row[1] === 'FREE' && row[2] === null)).toBe(true);
    expect(await release(mine)).toEqual({ released: false });
  });

  it("refuses a start whose length runs past the doctor's consecutive slots (TOO_SHORT, naming the latest end) or into time off (BLOCKED)", async () => {
    const doctorId = await h.createDoctor();
    const date = dayAfter(3).date;
    const slots = await openDay(doctorId, date, '09:00', '10:30'); // 09:00, 09:30, 10:00
    const late = await refusal(bookSpan(slots[2], randomUUID(), spanFor(slots[2], { durationMinutes: 45 })));
    expect(late).toMatchObject({ code: 'CONFLICT', reason: 'TOO_SHORT' });
    expect(late.message).toMatch(/the whole-duration rule/);
    expect(late.message).toMatch(
      new RegExp(
        `takes 45 minutes, until ${date}T10:45:00.000Z, but the doctor's consecutive slots from this start end at ${date}T10:30:00.000Z`,
      ),
    );
    const timeOff = await h.gql(AddTimeOffDocument, { doctorId, from: slots[1].startsAt, to: slots[1].endsAt }, admin);
    expect(timeOff.data!.addTimeOff.blockedSlots).toBe(1);
    const blocked = await refusal(bookSpan(slots[0], randomUUID(), spanFor(slots[0], { durationMinutes: 60 })));
    expect(blocked).toMatchObject({ code: 'CONFLICT', reason: 'BLOCKED' });
    expect(blocked.message).toMatch(
      /not available from .*T09:30:00.000Z to .*T10:00:00.000Z, which this appointment needs/,
    );
    expect((await states(slots)).map((row) => row[1])).toEqual(['FREE', 'BLOCKED', 'FREE']);
    expect(
      await refusal(
        bookSpan(slots[0], randomUUID(), {
          ...spanFor(slots[0], { durationMinutes: 30 }),
          heldFrom: slots[2].startsAt,
        }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('offers in availableSlots, the calendar and alternatives only the starts where the whole length and both buffers fit', async () => {
    const doctorId = await h.createDoctor();
    const service = await h.createService(60, { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
    const doctorWithService = await h.createDoctor([service]);
    const date = dayAfter(4).date;
    const slots = await openDay(doctorWithService, date, '09:00', '12:00'); // 09:00 .. 11:30
    await openDay(doctorId, date, '09:00', '10:00');
    // Someone holds 10:30 (a 30-minute visit of another service).
    await bookSpan(slots[3], randomUUID(), spanFor(slots[3], { durationMinutes: 30 }));
    const range = { from: `${date}T00:00:00Z`, to: `${date}T23:59:00Z` };

    const free = await h.gql(AvailableSlotsDocument, { doctorId: doctorWithService, ...range });
    expect(free.data!.availableSlots).toHaveLength(5);
    // 09:00: 60 minutes to 10:00, buffer to 10:15 (10:00 free). 09:30 and 10:00 run into 10:30; 11:00's buffer
    // before touches it; 11:30 runs past the last slot.
    const fitting = await h.gql(AvailableSlotsDocument, { doctorId: doctorWithService, ...range, serviceId: service });
    expect(fitting.data!.availableSlots.map((s) => s.startsAt)).toEqual([`${date}T09:00:00.000Z`]);

    const calendar = await h.gql(CalendarDocument, { from: date, to: date, serviceId: service });
    expect(calendar.data!.availabilityCalendar).toEqual([
      {
        date,
        doctors: [
          {
            doctor: { id: doctorWithService },
            freeSlots: 1,
            firstSlot: { id: slots[0].id, startsAt: slots[0].startsAt, endsAt: slots[0].endsAt },
          },
        ],
      },
    ]);

    const alternatives = await h.asAppointment.call<SchedulingAnswer<'alternatives'>>('scheduling', 'alternatives', {
      doctorId: doctorWithService,
      around: `${date}T11:00:00Z`,
      needs: { durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 },
      limit: 5,
    });
    expect(alternatives.slots.map((s) => s.startsAt)).toEqual([`${date}T09:00:00.000Z`]);

    // Once 09:00 is booked with its buffers, nothing of that day fits any more.
    await bookSpan(
      slots[0],
      randomUUID(),
      spanFor(slots[0], { durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }),
    );
    expect(
      (await h.gql(AvailableSlotsDocument, { doctorId: doctorWithService, ...range, serviceId: service })).data!
        .availableSlots,
    ).toEqual([]);
    expect(
      (await h.gql(CalendarDocument, { from: date, to: date, serviceId: service })).data!.availabilityCalendar,
    ).toEqual([{ date, doctors: [] }]);
  });

  it('lets exactly one of many concurrent bookings of overlapping spans have each slot: winners hold all their time, losers nothing', async () => {
    const doctorId = await h.createDoctor();
    const slots = await openDay(doctorId, dayAfter(5).date, '08:00', '12:00'); // 8 slots of 30 minutes
    const needs = { durationMinutes: 60, bufferAfterMinutes: 10 }; // two slots and a buffer on the third
    const attempts = Array.from({ length: 40 }, (_, i) => ({ slot: slots[i % 6], appointmentId: randomUUID() }));
    const results = await Promise.allSettled(
      attempts.map(({ slot, appointmentId }) => bookSpan(slot, appointmentId, spanFor(slot, needs))),
    );
    for (const result of results) {
      if (result.status === 'rejected')
        expect(refusalOf(result.reason)).toEqual({
          code: 'CONFLICT',
          reason: 'TAKEN',
        });
    }
    const winners = attempts.filter((_, i) => results[i].status === 'fulfilled');
    expect(winners.length).toBeGreaterThanOrEqual(1);
    const rows = await h.orm.em.fork().find(Slot, { doctorId }, { orderBy: { startsAt: 'asc' } });
    for (const winner of winners) {
      const index = slots.indexOf(winner.slot);
      const held = rows.filter((row) => row.appointmentId === winner.appointmentId).map((row) => [row.id, row.status]);
      expect(held).toEqual([
        [slots[index].id, SlotStatus.BOOKED],
        [slots[index + 1].id, SlotStatus.BOOKED],
        [slots[index + 2].id, SlotStatus.HELD],
      ]);
    }
    const losers = new Set<string>(
      attempts.filter((_, i) => results[i].status === 'rejected').map((a) => a.appointmentId),
    );
    expect(rows.filter((row) => row.appointmentId && losers.has(row.appointmentId))).toEqual([]);
    // Every slot held belongs to a winner: nothing half-booked is left behind.
    const winnerIds = new Set<string>(winners.map((w) => w.appointmentId));
    expect(rows.filter((row) => row.status !== SlotStatus.FREE).every((row) => winnerIds.has(row.appointmentId!))).toBe(
      true,
    );
  });
});
