import { Role } from '@carebook/platform';
import { DateTime } from 'luxon';
import { Harness, startHarness, eachStore, doctorRef } from './harness';
import { CalendarDocument, DoctorScheduleDocument, SetWeeklyDocument } from './generated/operations';

const BERLIN = 'Europe/Berlin';

/** The next last-Sunday-of-`month` (when Europe changes its clocks) at least a week from now. */
function nextChange(month: number): DateTime {
  const soon = DateTime.now().setZone(BERLIN).plus({ weeks: 1 });
  for (let year = soon.year; ; year++) {
    const last = DateTime.fromObject({ year, month, day: 1 }, { zone: BERLIN }).endOf('month').startOf('day');
    const sunday = last.minus({ days: last.weekday % 7 });
    if (sunday > soon) return sunday;
  }
}

eachStore('daylight saving time with CLINIC_TIME_ZONE=Europe/Berlin (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    // A year of horizon reaches both the March and the October change from any date; patients (and the
    // anonymous calendar) may then book that far ahead too.
    h = await startHarness(databaseUrl(), {
      CLINIC_TIME_ZONE: BERLIN,
      SLOT_HORIZON_WEEKS: '56',
      BOOKING_HORIZON: '400d',
    });
    admin = await h.token(Role.ADMIN);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('opens a Sunday 09:00 rule at 09:00 Berlin time on both sides of the March and October changes', async () => {
    const doctorId = await h.createDoctor();
    const set = await h.gql(
      SetWeeklyDocument,
      { doctorId, rules: [{ dayOfWeek: 'SUNDAY', startTime: '09:00', endTime: '10:00', slotMinutes: 60 }] },
      admin,
    );
    expect(set.errors).toBeUndefined();
    for (const [month, before, after] of [
      [3, 8, 7],
      [10, 7, 8],
    ]) {
      const change = nextChange(month);
      const from = change.minus({ weeks: 1 });
      const to = change.plus({ weeks: 1, days: 1 });
      const response = await h.gql(
        DoctorScheduleDocument,
        { ...doctorRef(doctorId), from: from.toUTC().toISO()!, to: to.toUTC().toISO()! },
        admin,
      );
      expect(response.errors).toBeUndefined();
      const starts = response.data!._entities[0]!.schedule.map((s) => DateTime.fromISO(s.startsAt, { zone: 'utc' }));
      expect(starts.map((s: DateTime) => s.setZone(BERLIN).toFormat('cccc HH:mm'))).toEqual([
        'Sunday 09:00',
        'Sunday 09:00',
        'Sunday 09:00',
      ]);
      // The same wall-clock time is a different UTC hour on each side of the change.
      expect(starts.map((s: DateTime) => s.hour)).toEqual([before, after, after]);
    }
  });

  it('groups the calendar by Berlin days across the change', async () => {
    const doctorId = await h.createDoctor([], 'DST-Specialty');
    await h.gql(
      SetWeeklyDocument,
      { doctorId, rules: [{ dayOfWeek: 'SUNDAY', startTime: '00:00', endTime: '02:00', slotMinutes: 60 }] },
      admin,
    );
    const change = nextChange(10);
    const date = change.toISODate()!;
    const calendar = await h.gql(CalendarDocument, {
      from: date,
      to: change.plus({ days: 1 }).toISODate()!,
      specialty: 'DST-Specialty',
    });
    expect(calendar.errors).toBeUndefined();
    // 00:00 and 01:00 Berlin time are still the previous day in UTC; they count for the Berlin day.
    const [sunday, monday] = calendar.data!.availabilityCalendar;
    expect(sunday).toMatchObject({ date, doctors: [{ doctor: { id: doctorId }, freeSlots: 2 }] });
    expect(DateTime.fromISO(sunday.doctors[0].firstSlot!.startsAt).setZone(BERLIN).toFormat('yyyy-MM-dd HH:mm')).toBe(
      `${date} 00:00`,
    );
    expect(monday.doctors).toEqual([]);
  });
});
