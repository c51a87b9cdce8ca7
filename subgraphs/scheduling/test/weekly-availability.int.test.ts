import { OutboxEvent, Role } from '@carebook/platform';
import { errorCode } from '@carebook/platform/testing';
import { randomUUID } from 'node:crypto';
import { AvailabilityRule } from '../src/entities/availability-rule.entity';
import { SlotStatus } from '../src/entities/slot-status.enum';
import { Slot } from '../src/entities/slot.entity';
import { dayAfter, Harness, startHarness, eachStore, doctorRef } from './harness';
import {
  AddAvailabilityDocument,
  AvailabilityRuleInput,
  DayOfWeek,
  SetWeeklyDocument,
  WeeklyAvailabilityDocument,
} from './generated/operations';

const EVERY_DAY: DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const daily = (startTime: string, endTime: string, slotMinutes: number) =>
  EVERY_DAY.map((dayOfWeek) => ({ dayOfWeek, startTime, endTime, slotMinutes }));

eachStore('setWeeklyAvailability and the slot horizon (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness(databaseUrl());
    admin = await h.token(Role.ADMIN);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const slotsOf = (doctorId: string) => h.orm.em.fork().find(Slot, { doctorId }, { orderBy: { startsAt: 'asc' } });
  const events = (type: string, aggregateId: string) => h.orm.em.fork().count(OutboxEvent, { type, aggregateId });
  const ruleCount = (doctorId: string) => h.orm.em.fork().count(AvailabilityRule, { doctorId });

  it('lets a doctor set their hours: rules replaced, slots opened for 8 weeks at the rule times, nothing opened twice', async () => {
    const doctorId = await h.createDoctor();
    const doctor = await h.token(Role.DOCTOR, doctorId);
    const response = await h.gql(
      SetWeeklyDocument,
      { doctorId, rules: [...daily('09:00', '11:00', 60)].reverse() },
      doctor,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.setWeeklyAvailability[0]).toEqual({
      dayOfWeek: 'MONDAY',
      startTime: '09:00',
      endTime: '11:00',
      slotMinutes: 60,
    });
    const slots = await slotsOf(doctorId);
    // Two a day for 56 days, less whatever of today has passed.
    expect(slots.length).toBeGreaterThanOrEqual(110);
    expect(slots.length).toBeLessThanOrEqual(112);
    expect(new Set(slots.map((s) => s.startsAt.getUTCHours()))).toEqual(new Set([9, 10]));
    expect(slots.every((s) => s.status === SlotStatus.FREE && s.minutes === 60 && s.startsAt > new Date())).toBe(true);
    expect(slots[slots.length - 1].startsAt.getTime()).toBeLessThanOrEqual(Date.now() + 8 * 7 * 24 * 3600_000);
    expect(await events('SLOTS_OPENED', doctorId)).toBe(1);

    const again = await h.gql(SetWeeklyDocument, { doctorId, rules: daily('09:00', '11:00', 60) }, doctor);
    expect(again.errors).toBeUndefined();
    expect((await slotsOf(doctorId)).map((s) => s.id)).toEqual(slots.map((s) => s.id));
    expect(await events('SLOTS_OPENED', doctorId)).toBe(1);
    expect(await ruleCount(doctorId)).toBe(7);

    const weekly = await h.gql(WeeklyAvailabilityDocument, doctorRef(doctorId));
    expect(weekly.data!._entities[0]!.weeklyAvailability).toHaveLength(7);
  });

  it('shows new hours at once to callers who read the old ones (the public weekly hours are kept for seconds)', async () => {
    const doctorId = await h.createDoctor();
    const hoursOf = async () =>
      (await h.gql(WeeklyAvailabilityDocument, doctorRef(doctorId))).data!._entities[0]!.weeklyAvailability.map(
        (rule: { startTime: string; endTime: string }) => `${rule.startTime}-${rule.endTime}`,
      );
    expect(await hoursOf()).toEqual([]);
    expect(
      (await h.gql(SetWeeklyDocument, { doctorId, rules: daily('09:00', '11:00', 60).slice(0, 1) }, admin)).errors,
    ).toBeUndefined();
    expect(await hoursOf()).toEqual(['09:00-11:00']);
    expect(
      (await h.gql(SetWeeklyDocument, { doctorId, rules: daily('13:00', '14:00', 30).slice(0, 1) }, admin)).errors,
    ).toBeUndefined();
    expect(await hoursOf()).toEqual(['13:00-14:00']);
  });

  it('withdraws free slots that no longer fit, keeps booked slots and one-off days', async () => {
    const doctorId = await h.createDoctor();
    expect(
      (await h.gql(SetWeeklyDocument, { doctorId, rules: daily('09:00', '11:00', 60) }, admin)).errors,
    ).toBeUndefined();
    const { date } = dayAfter(2);
    const tenOClock = (await slotsOf(doctorId)).find((s) => s.startsAt.toISOString() === `${date}T10:00:00.000Z`)!;
    await h.asAppointment.call('scheduling', 'book-slot', { slotId: tenOClock.id, appointmentId: randomUUID() });
    const extra = await h.gql(
      AddAvailabilityDocument,
      { doctorId, date: dayAfter(3).date, startTime: '14:00', endTime: '15:00', slotMinutes: 30 },
      admin,
    );
    expect(extra.data!.addAvailability).toHaveLength(2);

    const narrowed = await h.gql(SetWeeklyDocument, { doctorId, rules: daily('09:00', '10:00', 60) }, admin);
    expect(narrowed.errors).toBeUndefined();
    const slots = await slotsOf(doctorId);
    const atTen = slots.filter((s) => s.startsAt.getUTCHours() === 10);
    expect(atTen.map((s) => [s.id, s.status])).toEqual([[tenOClock.id, SlotStatus.BOOKED]]);
    expect(slots.filter((s) => s.startsAt.getUTCHours() === 14).map((s) => s.id)).toEqual(
      extra.data!.addAvailability.map((s) => s.id),
    );
    expect(await events('SLOT_BLOCKED', doctorId)).toBe(1);

    // Longer slots over the same hours: the old ones go, new ones open, the booked one still stands.
    const longer = await h.gql(SetWeeklyDocument, { doctorId, rules: daily('09:00', '11:00', 120) }, admin);
    expect(longer.errors).toBeUndefined();
    const after = await slotsOf(doctorId);
    expect(after.find((s) => s.id === tenOClock.id)?.status).toBe(SlotStatus.BOOKED);
    // On the booked day the 2-hour slot would overlap the booking, so none opens there.
    expect(after.filter((s) => s.startsAt.toISOString().startsWith(date)).map((s) => s.id)).toEqual([tenOClock.id]);
    expect(after.filter((s) => s.minutes === 120).length).toBeGreaterThan(50);
  });

  it('extends every horizon with the daily job, idempotently, and registers the job scheduler', async () => {
    const doctorId = await h.createDoctor();
    expect(
      (await h.gql(SetWeeklyDocument, { doctorId, rules: daily('12:00', '13:00', 30) }, admin)).errors,
    ).toBeUndefined();
    const before = await slotsOf(doctorId);
    const lastWeek = before.filter((s) => s.startsAt.getTime() > Date.now() + 7 * 7 * 24 * 3600_000);
    expect(lastWeek.length).toBeGreaterThan(0);
    // As if the horizon had moved on: the last week is not open yet.
    await h.orm.em.fork().nativeDelete(Slot, { id: { $in: lastWeek.map((s) => s.id) } });
    await h.scheduling.extendHorizons();
    const after = await slotsOf(doctorId);
    expect(after.map((s) => s.startsAt.getTime())).toEqual(before.map((s) => s.startsAt.getTime()));
    expect(await h.scheduling.extendHorizons()).toBe(0);

    await h.scheduling.horizonJob.ready;
    const schedulers = await h.scheduling.horizonJob.queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([['extend-horizon', 24 * 3600 * 1000]]);
  });

  it('lets only the doctor concerned or an admin change the hours', async () => {
    const doctorId = await h.createDoctor();
    const rules = daily('09:00', '10:00', 30);
    const otherDoctor = await h.token(Role.DOCTOR, await h.createDoctor());
    expect(errorCode(await h.gql(SetWeeklyDocument, { doctorId, rules }, otherDoctor))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(SetWeeklyDocument, { doctorId, rules }, await h.token(Role.PATIENT)))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await h.gql(SetWeeklyDocument, { doctorId, rules }))).toBe('UNAUTHENTICATED');
    expect(await ruleCount(doctorId)).toBe(0);
    expect(await slotsOf(doctorId)).toEqual([]);
    // An admin may; the admin service is down here, so logging the action only warns.
    expect((await h.gql(SetWeeklyDocument, { doctorId, rules }, admin)).errors).toBeUndefined();
  });

  it.each<[string, AvailabilityRuleInput[], RegExp]>([
    [
      'end before start',
      [{ dayOfWeek: 'MONDAY', startTime: '12:00', endTime: '09:00', slotMinutes: 30 }],
      /after startTime/,
    ],
    [
      'overlapping rules for one day',
      [
        { dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '12:00', slotMinutes: 30 },
        { dayOfWeek: 'MONDAY', startTime: '11:00', endTime: '13:00', slotMinutes: 30 },
      ],
      /overlap/,
    ],
    [
      'slotMinutes below 5',
      [{ dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '12:00', slotMinutes: 4 }],
      /5 to 240/,
    ],
    [
      'slotMinutes above 240',
      [{ dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '18:00', slotMinutes: 241 }],
      /5 to 240/,
    ],
    [
      'a time not written HH:MM',
      [{ dayOfWeek: 'MONDAY', startTime: '9:00', endTime: '12:00', slotMinutes: 30 }],
      /HH:MM/,
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, rules, message) => {
    const doctorId = await h.createDoctor();
    const response = await h.gql(
      SetWeeklyDocument,
      { doctorId, rules: [{ dayOfWeek: 'FRIDAY', startTime: '08:00', endTime: '09:00', slotMinutes: 30 }, ...rules] },
      admin,
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(message);
    expect(await ruleCount(doctorId)).toBe(0);
    expect(await slotsOf(doctorId)).toEqual([]);
  });

  it('refuses an unknown doctor with BAD_USER_INPUT and writes nothing', async () => {
    const doctorId = randomUUID();
    const response = await h.gql(SetWeeklyDocument, { doctorId, rules: daily('09:00', '10:00', 30) }, admin);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/no doctor/);
    expect(await ruleCount(doctorId)).toBe(0);
  });
});
