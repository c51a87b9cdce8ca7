import { DomainEvent, OutboxEvent, Role } from '@carebook/platform';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { SlotStatus } from '../src/entities/slot-status.enum';
import { Slot } from '../src/entities/slot.entity';
import { AddTimeOffOverBookingsDocument } from './generated/operations';
import { dayAfter, Harness, refusal, refusalOf, SchedulingAnswer, startHarness, eachStore } from './harness';

interface SlotJson {
  id: string;
  startsAt: string;
  endsAt: string;
  status: string;
}

eachStore("scheduling's internal booking routes (%s)", (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;
  const tomorrow = dayAfter(1).date;

  beforeAll(async () => {
    h = await startHarness(databaseUrl());
    admin = await h.token(Role.ADMIN);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const openDay = (
    doctorId: string,
    date: string,
    startTime: string,
    endTime: string,
    slotMinutes = 30,
  ): Promise<SlotJson[]> => h.openDay(doctorId, date, startTime, endTime, slotMinutes);

  const book = (slotId: string, appointmentId: string) =>
    h.asAppointment.call<SchedulingAnswer<'bookSlot'>>('scheduling', 'book-slot', { slotId, appointmentId });
  const release = (slotId: string, appointmentId: string) =>
    h.asAppointment.call<{ released: boolean }>('scheduling', 'release-slot', { slotId, appointmentId });
  const events = (type: string, aggregateId?: string) =>
    h.orm.em.fork().count(OutboxEvent, { type, ...(aggregateId ? { aggregateId } : {}) });
  const slotRow = (id: string) => h.orm.em.fork().findOneOrFail(Slot, { id });

  it('lets exactly one of 50 concurrent book-slot calls win; the 49 others get CONFLICT with reason TAKEN', async () => {
    const doctorId = await h.createDoctor();
    const [slot] = await openDay(doctorId, tomorrow, '09:00', '10:00');
    const appointmentIds = Array.from({ length: 50 }, () => randomUUID());
    const results = await Promise.allSettled(appointmentIds.map((id) => book(slot.id, id)));
    const winners = results.flatMap((r, i) =>
      r.status === 'fulfilled' ? [{ value: r.value, appointmentId: appointmentIds[i] }] : [],
    );
    expect(winners).toHaveLength(1);
    expect(winners[0].value).toEqual({ slotId: slot.id, doctorId, startsAt: slot.startsAt, endsAt: slot.endsAt });
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(losers).toHaveLength(49);
    for (const loser of losers)
      expect(refusalOf(loser.reason)).toEqual({
        code: 'CONFLICT',
        reason: 'TAKEN',
      });
    const row = await slotRow(slot.id);
    expect(row).toMatchObject({ status: SlotStatus.BOOKED, appointmentId: winners[0].appointmentId });
    expect(await events('SLOT_BOOKED', slot.id)).toBe(1);
    // The relay publishes it (nudged after the commit).
    for (
      let i = 0;
      i < 50 && (await h.orm.em.fork().count(OutboxEvent, { aggregateId: slot.id, publishedAt: null })) > 0;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    expect(await h.orm.em.fork().count(OutboxEvent, { aggregateId: slot.id, publishedAt: null })).toBe(0);

    // The same appointment asking again (a retry after a timeout) gets the same answer and books nothing new.
    expect(await book(slot.id, winners[0].appointmentId)).toEqual(winners[0].value);
    expect(await events('SLOT_BOOKED', slot.id)).toBe(1);
  });

  it('books with the facts the caller looked up (checked by the update) and still books the slot as it is when they are wrong', async () => {
    const doctorId = await h.createDoctor();
    const [first, second] = await openDay(doctorId, tomorrow, '15:00', '16:00');
    const payload = async (slotId: string) =>
      (
        JSON.parse(
          (await h.orm.em.fork().findOneOrFail(OutboxEvent, { aggregateId: slotId, type: 'SLOT_BOOKED' })).envelope,
        ) as DomainEvent<'SLOT_BOOKED'>
      ).payload;
    const bookExpecting = (
      slot: SlotJson,
      expected: { doctorId: string; startsAt: string; endsAt: string },
      appointmentId: string,
    ) =>
      h.asAppointment.call<SchedulingAnswer<'bookSlot'>>('scheduling', 'book-slot', {
        slotId: slot.id,
        appointmentId,
        expected,
      });

    const appointmentId = randomUUID();
    const answer = { slotId: first.id, doctorId, startsAt: first.startsAt, endsAt: first.endsAt };
    expect(
      await bookExpecting(first, { doctorId, startsAt: first.startsAt, endsAt: first.endsAt }, appointmentId),
    ).toEqual(answer);
    expect(await payload(first.id)).toEqual({ ...answer, appointmentId });
    expect(
      await refusal(bookExpecting(first, { doctorId, startsAt: first.startsAt, endsAt: first.endsAt }, randomUUID())),
    ).toMatchObject({ code: 'CONFLICT', reason: 'TAKEN' });

    const other = randomUUID();
    const wrong = { doctorId: randomUUID(), startsAt: first.startsAt, endsAt: first.endsAt };
    const truth = { slotId: second.id, doctorId, startsAt: second.startsAt, endsAt: second.endsAt };
    expect(await bookExpecting(second, wrong, other)).toEqual(truth);
    expect(await payload(second.id)).toEqual({ ...truth, appointmentId: other });
    expect(await slotRow(second.id)).toMatchObject({ status: SlotStatus.BOOKED, appointmentId: other });
  });

  it('refuses a blocked slot (BLOCKED), a slot that has started (PAST) and an unknown one (NOT_FOUND)', async () => {
    const doctorId = await h.createDoctor();
    const slots = await openDay(doctorId, tomorrow, '11:00', '12:00');
    const blocked = await h.gql(
      AddTimeOffOverBookingsDocument,
      { doctorId, from: slots[1].startsAt, to: slots[1].endsAt },
      admin,
    );
    expect(blocked.data!.addTimeOff.blockedSlots).toBe(1);
    expect(await refusal(book(slots[1].id, randomUUID()))).toMatchObject({ code: 'CONFLICT', reason: 'BLOCKED' });

    const em = h.orm.em.fork();
    const past = em.create(Slot, {
      doctorId,
      startsAt: new Date(Date.now() - 3600_000),
      endsAt: new Date(Date.now() - 1800_000),
      minutes: 30,
    });
    await em.persistAndFlush(past);
    expect(await refusal(book(past.id, randomUUID()))).toMatchObject({ code: 'CONFLICT', reason: 'PAST' });
    expect((await slotRow(past.id)).status).toBe(SlotStatus.FREE);

    expect(await refusal(book(randomUUID(), randomUUID()))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(h.asAppointment.call('scheduling', 'book-slot', { slotId: slots[0].id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('releases a booked slot once (FREE again), answers released: false to a repeat or a stranger, and blocks it under a time off', async () => {
    const doctorId = await h.createDoctor();
    const [first, second] = await openDay(doctorId, tomorrow, '13:00', '14:00');
    const appointmentId = randomUUID();
    await book(first.id, appointmentId);
    expect(await release(first.id, randomUUID())).toEqual({ released: false });
    expect(await release(first.id, appointmentId)).toEqual({ released: true });
    expect(await slotRow(first.id)).toMatchObject({ status: SlotStatus.FREE, appointmentId: null });
    expect(await release(first.id, appointmentId)).toEqual({ released: false });
    expect(await events('SLOT_RELEASED', first.id)).toBe(1);

    const other = randomUUID();
    await book(second.id, other);
    // The appointment service is not running here: the cancellation fails and the appointment is listed back, still booked.
    const timeOff = await h.gql(
      AddTimeOffOverBookingsDocument,
      { doctorId, from: second.startsAt, to: second.endsAt, cancelBooked: true },
      admin,
    );
    expect(timeOff.data!.addTimeOff).toEqual({ blockedSlots: 0, conflicts: [{ id: other }] });
    expect(await release(second.id, other)).toEqual({ released: true });
    expect((await slotRow(second.id)).status).toBe(SlotStatus.BLOCKED);
  });

  it('lists slots by ids and by appointment ids', async () => {
    const doctorId = await h.createDoctor();
    const [a, b] = await openDay(doctorId, tomorrow, '15:00', '16:00');
    const appointmentId = randomUUID();
    await book(b.id, appointmentId);
    const byIds = await h.asAppointment.call<SchedulingAnswer<'slots'>>('scheduling', 'slots', { ids: [a.id, b.id] });
    // Hours without a location are the default location's, in CLINIC_TIME_ZONE (UTC here).
    const place = { locationId: 'default', locationName: 'Main location', address: '', timeZone: 'UTC' };
    expect(byIds.slots).toEqual([
      { id: a.id, doctorId, startsAt: a.startsAt, endsAt: a.endsAt, status: 'FREE', appointmentId: null, place },
      { id: b.id, doctorId, startsAt: b.startsAt, endsAt: b.endsAt, status: 'BOOKED', appointmentId, place },
    ]);
    const byAppointment = await h.asAppointment.call<SchedulingAnswer<'slots'>>('scheduling', 'slots', {
      appointmentIds: [appointmentId],
    });
    expect(byAppointment.slots.map((s) => s.id)).toEqual([b.id]);
  });

  it("offers the doctor's own free slots nearest in time first, then other doctors' nearest, at most limit", async () => {
    const [few, many] = [await h.createDoctor(), await h.createDoctor()];
    const date = dayAfter(2).date;
    const own = await openDay(few, date, '10:00', '11:00'); // 10:00, 10:30
    const others = await openDay(many, date, '09:00', '17:00'); // 09:00 .. 16:30
    const at = (time: string) => `${date}T${time}:00.000Z`;
    const result = await h.asAppointment.call<SchedulingAnswer<'alternatives'>>('scheduling', 'alternatives', {
      doctorId: few,
      around: at('12:00'),
      otherDoctorIds: [many],
      limit: 5,
    });
    expect(result.slots.map((s) => [s.doctorId === few ? 'own' : 'other', s.startsAt])).toEqual([
      ['own', at('10:30')],
      ['own', at('10:00')],
      ['other', at('12:00')],
      ['other', at('11:30')],
      ['other', at('12:30')],
    ]);
    const excluding = await h.asAppointment.call<SchedulingAnswer<'alternatives'>>('scheduling', 'alternatives', {
      doctorId: many,
      around: at('12:00'),
      excludeSlotIds: [others.find((s) => s.startsAt === at('12:00'))!.id],
      minMinutes: 30,
      limit: 2,
    });
    expect(excluding.slots.map((s) => s.startsAt)).toEqual([at('11:30'), at('12:30')]);
    const tooLong = await h.asAppointment.call<SchedulingAnswer<'alternatives'>>('scheduling', 'alternatives', {
      doctorId: few,
      around: at('12:00'),
      minMinutes: 45,
    });
    expect(tooLong.slots).toEqual([]);
    expect(own).toHaveLength(2);
  });

  it('counts free and booked slots per day, week (from Monday) and month in the clinic time zone', async () => {
    const doctorId = await h.createDoctor();
    const [d3, d4] = [dayAfter(3).date, dayAfter(4).date];
    await openDay(doctorId, d3, '09:00', '10:00'); // 2 free
    const later = await openDay(doctorId, d4, '09:00', '11:00', 60); // 2, one booked below
    await book(later[0].id, randomUUID());
    const query = (groupBy: string) =>
      h.asAppointment.call<SchedulingAnswer<'slotCounts'>>('scheduling', 'slot-counts', {
        from: `${d3}T00:00:00Z`,
        to: `${dayAfter(5).date}T00:00:00Z`,
        doctorId,
        groupBy,
      });
    expect((await query('DAY')).buckets).toEqual([
      { periodStart: d3, free: 2, booked: 0 },
      { periodStart: d4, free: 1, booked: 1 },
    ]);
    const monday = (date: string) => DateTime.fromISO(date).startOf('week').toISODate();
    const weeks = (await query('WEEK')).buckets;
    expect(weeks.map((b) => b.periodStart)).toEqual([...new Set([monday(d3), monday(d4)])]);
    expect(weeks.reduce((sum, b) => sum + b.free, 0)).toBe(3);
    const months = (await query('MONTH')).buckets;
    expect(months.map((b) => b.periodStart)).toEqual([...new Set([d3.slice(0, 8) + '01', d4.slice(0, 8) + '01'])]);
    expect(months.reduce((sum, b) => sum + b.booked, 0)).toBe(1);
    expect(
      await refusal(
        h.asAppointment.call('scheduling', 'slot-counts', {
          from: `${d4}T00:00:00Z`,
          to: `${d3}T00:00:00Z`,
          groupBy: 'DAY',
        }),
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
