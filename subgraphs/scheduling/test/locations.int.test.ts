import { Role } from '@carebook/platform';
import { anyString, postAsGateway, serviceClientAs, stringContaining } from '@carebook/platform/testing';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { clinicLocations } from '../src/clients/clinic-locations';
import { eachStore, Harness, startHarness, doctorRef, SchedulingAnswer } from './harness';
import { CreateLocationDocument } from './generated/doctor';
import {
  AddAvailabilityAtDocument,
  CloseLocationDocument,
  LocatedCalendarDocument,
  LocatedScheduleDocument,
  SetWeeklyAtDocument,
} from './generated/operations';

const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';

/** The next Monday on which the US leaves summer time within a week (first Sunday of November), at least a week away. */
function nextUsFallBack(): DateTime {
  const soon = DateTime.now().setZone(NEW_YORK).plus({ weeks: 1 });
  for (let year = soon.year; ; year++) {
    const first = DateTime.fromObject({ year, month: 11, day: 1 }, { zone: NEW_YORK });
    const sunday = first.plus({ days: (7 - first.weekday) % 7 });
    if (sunday > soon) return sunday;
  }
}

eachStore('hours at clinic locations in their own zones (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;
  let newYork: string;
  let berlin: string;

  const createLocation = async (name: string, timeZone: string) => {
    const response = await postAsGateway(
      'doctor',
      h.doctorService.url,
      CreateLocationDocument,
      { input: { name, address: `${name} Street 1`, timeZone } },
      admin,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.createLocation.id;
  };
  const schedule = async (doctorId: string, from: DateTime, to: DateTime) => {
    const response = await h.gql(
      LocatedScheduleDocument,
      { ...doctorRef(doctorId), from: from.toUTC().toISO()!, to: to.toUTC().toISO()! },
      admin,
    );
    expect(response.errors).toBeUndefined();
    return response.data!._entities[0]!.schedule;
  };

  beforeAll(async () => {
    // The default location stays in Berlin (CLINIC_TIME_ZONE); a year of horizon reaches the next US change.
    h = await startHarness(databaseUrl(), {
      CLINIC_TIME_ZONE: BERLIN,
      SLOT_HORIZON_WEEKS: '56',
      BOOKING_HORIZON: '400d',
    });
    admin = await h.token(Role.ADMIN);
    newYork = await createLocation(`New York ${randomUUID().slice(0, 6)}`, NEW_YORK);
    berlin = await createLocation(`Berlin ${randomUUID().slice(0, 6)}`, BERLIN);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it("opens each location's 09:00 at 09:00 in its own zone, across the US daylight-saving change, and names the zone", async () => {
    const doctorId = await h.createDoctor();
    const set = await h.gql(
      SetWeeklyAtDocument,
      {
        doctorId,
        rules: [
          { dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '10:00', slotMinutes: 60, locationId: newYork },
          { dayOfWeek: 'TUESDAY', startTime: '09:00', endTime: '10:00', slotMinutes: 60, locationId: berlin },
          { dayOfWeek: 'WEDNESDAY', startTime: '09:00', endTime: '10:00', slotMinutes: 60 },
        ],
      },
      admin,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.setWeeklyAvailability.map((r) => [r.dayOfWeek, r.location.id, r.timeZone])).toEqual([
      ['MONDAY', newYork, NEW_YORK],
      ['TUESDAY', berlin, BERLIN],
      ['WEDNESDAY', 'default', BERLIN],
    ]);
    const change = nextUsFallBack();
    const slots = await schedule(doctorId, change.minus({ days: 7 }), change.plus({ days: 4 }));
    const shown = slots.map(
      (s) =>
        `${s.location.id === newYork ? 'NY' : s.location.id === berlin ? 'BER' : 'DEF'} ${DateTime.fromISO(s.startsAt).setZone(s.timeZone).toFormat('ccc HH:mm')} ${DateTime.fromISO(s.startsAt, { zone: 'utc' }).toFormat('HH:mm')}Z`,
    );
    // New York: 09:00 EDT (13:00Z) before the change, 09:00 EST (14:00Z) after; Berlin is already on CET (08:00Z).
    expect(shown).toEqual([
      'NY Mon 09:00 13:00Z',
      'BER Tue 09:00 08:00Z',
      'DEF Wed 09:00 08:00Z',
      'NY Mon 09:00 14:00Z',
      'BER Tue 09:00 08:00Z',
      'DEF Wed 09:00 08:00Z',
    ]);
    expect(slots.map((s) => s.timeZone)).toEqual([NEW_YORK, BERLIN, BERLIN, NEW_YORK, BERLIN, BERLIN]);

    // The calendar's first slot of a day names its location and zone too (with a service, within its 90-day horizon, and without).
    const monday = DateTime.now().setZone(NEW_YORK).plus({ weeks: 1 }).set({ weekday: 1 }).toISODate()!;
    const serviceId = await h.createService(30);
    for (const variables of [{ specialty: 'Located' }, { serviceId }]) {
      const calendarDoctor = variables.serviceId
        ? await h.createDoctor([serviceId])
        : await h.createDoctor([], 'Located');
      await h.gql(
        SetWeeklyAtDocument,
        {
          doctorId: calendarDoctor,
          rules: [{ dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '10:00', slotMinutes: 60, locationId: newYork }],
        },
        admin,
      );
      const calendar = await h.gql(LocatedCalendarDocument, { from: monday, to: monday, ...variables });
      expect(calendar.errors).toBeUndefined();
      expect(calendar.data!.availabilityCalendar[0].doctors).toEqual([
        {
          doctor: { id: calendarDoctor },
          firstSlot: { id: anyString(), timeZone: NEW_YORK, location: { id: newYork } },
        },
      ]);
    }

    // The slot tells the appointment service where it is, with the zone and the address.
    const { slots: facts } = await h.asAppointment.call<SchedulingAnswer<'slots'>>('scheduling', 'slots', {
      ids: [slots[0].id],
    });
    expect(facts[0].place).toMatchObject({
      locationId: newYork,
      timeZone: NEW_YORK,
      address: stringContaining('New York'),
    });
  });

  it("groups the calendar by each slot's location's date: a New York slot at 21:00 is on its New York date, not the next Berlin one", async () => {
    // A Monday at least a week away, in New York; 21:00 there is 03:00 Tuesday in Berlin (the clinic's zone).
    const monday = DateTime.now().setZone(NEW_YORK).plus({ weeks: 1 }).set({ weekday: 1 });
    const tuesday = monday.plus({ days: 1 });
    const serviceId = await h.createService(30);
    const specialty = `Evening ${randomUUID().slice(0, 6)}`;
    for (const variables of [{ specialty }, { serviceId }]) {
      const doctorId = variables.serviceId ? await h.createDoctor([serviceId]) : await h.createDoctor([], specialty);
      const set = await h.gql(
        SetWeeklyAtDocument,
        {
          doctorId,
          rules: [{ dayOfWeek: 'MONDAY', startTime: '21:00', endTime: '22:00', slotMinutes: 30, locationId: newYork }],
        },
        admin,
      );
      expect(set.errors).toBeUndefined();
      const calendar = await h.gql(LocatedCalendarDocument, {
        from: monday.toISODate()!,
        to: tuesday.toISODate()!,
        ...variables,
      });
      expect(calendar.errors).toBeUndefined();
      const [mondayRow, tuesdayRow] = calendar.data!.availabilityCalendar;
      expect(mondayRow.date).toBe(monday.toISODate());
      const mine = mondayRow.doctors.find((entry) => entry.doctor.id === doctorId);
      expect(mine).toEqual({
        doctor: { id: doctorId },
        firstSlot: { id: anyString(), timeZone: NEW_YORK, location: { id: newYork } },
      });
      expect(tuesdayRow.doctors.map((entry) => entry.doctor.id)).not.toContain(doctorId);
      // Asked for the Monday alone, the slot is still there (the store's range reaches New York's evening).
      const alone = await h.gql(LocatedCalendarDocument, {
        from: monday.toISODate()!,
        to: monday.toISODate()!,
        ...variables,
      });
      expect(alone.data!.availabilityCalendar[0].doctors.map((entry) => entry.doctor.id)).toContain(doctorId);
    }
  });

  it('refuses hours that put a doctor at two locations at once, an unknown location, and a one-off day clashing with another location', async () => {
    const doctorId = await h.createDoctor();
    // Berlin 14:00 and New York 08:00 on a Thursday are the same hour (CET/EST, and CEST/EDT).
    const clash = await h.gql(
      SetWeeklyAtDocument,
      {
        doctorId,
        rules: [
          { dayOfWeek: 'THURSDAY', startTime: '14:00', endTime: '15:00', slotMinutes: 60, locationId: berlin },
          { dayOfWeek: 'THURSDAY', startTime: '08:00', endTime: '09:00', slotMinutes: 60, locationId: newYork },
        ],
      },
      admin,
    );
    expect(clash.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'rules',
      rule: 'LOCATION_OVERLAP',
    });
    expect(clash.errors?.[0].message).toMatch(/two places at once/);

    const unknown = await h.gql(
      SetWeeklyAtDocument,
      {
        doctorId,
        rules: [{ dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '10:00', slotMinutes: 60, locationId: 'nowhere' }],
      },
      admin,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules[0].locationId' });
    expect(unknown.errors?.[0].message).toContain('There is no location with id nowhere');

    // Weekly Thursdays in Berlin 14:00-15:00, then a one-off New York morning on a Thursday over the same hour.
    expect(
      (
        await h.gql(
          SetWeeklyAtDocument,
          {
            doctorId,
            rules: [
              { dayOfWeek: 'THURSDAY', startTime: '14:00', endTime: '15:00', slotMinutes: 60, locationId: berlin },
            ],
          },
          admin,
        )
      ).errors,
    ).toBeUndefined();
    const thursday = DateTime.now().setZone(NEW_YORK).plus({ weeks: 1 }).set({ weekday: 4 }).toISODate()!;
    const oneOff = await h.gql(
      AddAvailabilityAtDocument,
      { doctorId, date: thursday, startTime: '07:00', endTime: '10:00', slotMinutes: 60, locationId: newYork },
      admin,
    );
    expect(oneOff.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'LOCATION_OVERLAP' });
    const unknownDay = await h.gql(
      AddAvailabilityAtDocument,
      { doctorId, date: thursday, startTime: '07:00', endTime: '08:00', slotMinutes: 60, locationId: 'nowhere' },
      admin,
    );
    expect(unknownDay.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locationId' });
    // Nothing was written by the refusals: only the Berlin hours have slots.
    const slots = await schedule(doctorId, DateTime.now(), DateTime.now().plus({ weeks: 3 }));
    expect(new Set(slots.map((s) => s.location.id))).toEqual(new Set([berlin]));

    // A New York morning that ends before Berlin's afternoon starts is fine, and opens in New York time.
    const fine = await h.gql(
      AddAvailabilityAtDocument,
      { doctorId, date: thursday, startTime: '06:00', endTime: '07:00', slotMinutes: 60, locationId: newYork },
      admin,
    );
    expect(fine.errors).toBeUndefined();
    expect(fine.data!.addAvailability).toHaveLength(1);
    expect(
      DateTime.fromISO(fine.data!.addAvailability[0].startsAt).setZone(NEW_YORK).toFormat('yyyy-MM-dd HH:mm'),
    ).toBe(`${thursday} 06:00`);
  });

  it("closes one location: only the hours there are blocked, booked ones there refuse it; the doctor's hours elsewhere stay", async () => {
    const doctorId = await h.createDoctor();
    const other = await h.createDoctor();
    await h.gql(
      SetWeeklyAtDocument,
      {
        doctorId,
        rules: [
          { dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '11:00', slotMinutes: 60, locationId: newYork },
          { dayOfWeek: 'TUESDAY', startTime: '09:00', endTime: '11:00', slotMinutes: 60, locationId: berlin },
        ],
      },
      admin,
    );
    await h.gql(
      SetWeeklyAtDocument,
      {
        doctorId: other,
        rules: [{ dayOfWeek: 'TUESDAY', startTime: '09:00', endTime: '11:00', slotMinutes: 60, locationId: berlin }],
      },
      admin,
    );
    const monday = DateTime.now().setZone(NEW_YORK).plus({ weeks: 2 }).set({ weekday: 1 }).startOf('day');
    const week = () => schedule(doctorId, monday, monday.plus({ days: 3 }));
    const [firstNy] = await week();
    await h.asAppointment.call('scheduling', 'book-slot', { slotId: firstNy.id, appointmentId: randomUUID() });

    const from = monday.toISODate()!;
    const to = monday.plus({ days: 1 }).toISODate()!;
    const refused = await h.gql(CloseLocationDocument, { from, to, locationId: newYork }, admin);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'BOOKED_APPOINTMENTS' });
    expect(refused.errors?.[0].message).toContain(NEW_YORK);
    expect((await week()).map((s) => s.status)).toEqual(['BOOKED', 'FREE', 'FREE', 'FREE']);

    // Cancelling asks the appointment service, unreachable here: the closure stands and the booking is listed back.
    const closed = await h.gql(CloseLocationDocument, { from, to, locationId: newYork, cancelBooked: true }, admin);
    expect(closed.errors).toBeUndefined();
    // Every doctor with New York hours those days (the first test's doctor too); not the one working only in Berlin.
    const closedFor = closed.data!.closeClinic.timeOffs.map((t) => t.doctor.id);
    expect(closedFor).toContain(doctorId);
    expect(closedFor).not.toContain(other);
    expect(closed.data!.closeClinic.conflicts).toHaveLength(1);
    expect((await week()).map((s) => [s.location.id, s.status])).toEqual([
      [newYork, 'BOOKED'],
      [newYork, 'BLOCKED'],
      [berlin, 'FREE'],
      [berlin, 'FREE'],
    ]);

    const unknown = await h.gql(CloseLocationDocument, { from, to, locationId: 'nowhere' }, admin);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locationId' });
    const both = await h.gql(CloseLocationDocument, { from, to, locationId: newYork, doctorIds: [doctorId] }, admin);
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locationId' });
  });

  it('knows a location created a moment ago, before its announcement has emptied the kept list', async () => {
    // No announcement listener here: only asking afresh on a miss can find the new location.
    const locations = clinicLocations(serviceClientAs('scheduling', { DOCTOR_URL: h.doctorService.url }), BERLIN);
    expect((await locations.existing(newYork)).timeZone).toBe(NEW_YORK);
    const lisbon = await createLocation(`Lisbon ${randomUUID().slice(0, 6)}`, 'Europe/Lisbon');
    expect(await locations.existing(lisbon)).toMatchObject({ id: lisbon, timeZone: 'Europe/Lisbon' });
    await expect(locations.existing('nowhere')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'locationId' },
    });
  });
});
