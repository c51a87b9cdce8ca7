import { Role } from '@carebook/platform';
import type { GraphqlResponse } from '@carebook/platform/testing';
import { dayAfter, Harness, startHarness, eachStore } from './harness';
import {
  AddAvailabilityDocument,
  AvailableSlotsDocument,
  CalendarDocument,
  CalendarQuery,
} from './generated/operations';

const DAY = 1440;
const DAY_MS = 86_400_000;

/**
 * Free time as each caller may book it: patients and anonymous callers see
 * only starts inside the booking window (the service's rules, else the
 * clinic's: here BOOKING_MIN_NOTICE=2d, BOOKING_HORIZON=8d); staff see every
 * free future slot. Alternatives offered to a patient keep to their window.
 */
eachStore('booking windows in free-time answers (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;
  let doctorId: string;
  let serviceId: string;
  const slots: Record<'tomorrow' | 'inFourDays' | 'inTenDays', string> = {
    tomorrow: '',
    inFourDays: '',
    inTenDays: '',
  };

  beforeAll(async () => {
    h = await startHarness(databaseUrl(), { BOOKING_MIN_NOTICE: '2d', BOOKING_HORIZON: '8d' });
    admin = await h.token(Role.ADMIN);
    serviceId = await h.createService(30);
    // The service's own rules: no notice, twelve days ahead.
    await h.setPolicy(serviceId, { minNoticeMinutes: 0, horizonMinutes: 12 * DAY });
    doctorId = await h.createDoctor([serviceId]);
    for (const [key, days] of [
      ['tomorrow', 1],
      ['inFourDays', 4],
      ['inTenDays', 10],
    ] as const) {
      const opened = await h.gql(
        AddAvailabilityDocument,
        { doctorId, date: dayAfter(days).date, startTime: '09:00', endTime: '09:30', slotMinutes: 30 },
        admin,
      );
      expect(opened.errors).toBeUndefined();
      slots[key] = opened.data!.addAvailability[0].id;
    }
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const range = {
    from: new Date(Date.now() - 60_000).toISOString(),
    to: new Date(Date.now() + 12 * DAY_MS).toISOString(),
  };
  const ids = (response: { data?: { availableSlots: Array<{ id: string }> } }) =>
    response.data!.availableSlots.map((s) => s.id);

  it("offers patients and anonymous callers only the starts they may book, by the service's rules or else the clinic's", async () => {
    const patient = await h.token(Role.PATIENT);
    for (const token of [undefined, patient]) {
      const withService = await h.gql(AvailableSlotsDocument, { doctorId, ...range, serviceId }, token);
      expect(ids(withService)).toEqual([slots.tomorrow, slots.inFourDays, slots.inTenDays]);
      const clinicDefaults = await h.gql(AvailableSlotsDocument, { doctorId, ...range }, token);
      expect(ids(clinicDefaults)).toEqual([slots.inFourDays]);
    }
  });

  it('offers staff every free future slot', async () => {
    for (const token of [admin, await h.token(Role.DOCTOR, doctorId)]) {
      expect(ids(await h.gql(AvailableSlotsDocument, { doctorId, ...range }, token))).toEqual([
        slots.tomorrow,
        slots.inFourDays,
        slots.inTenDays,
      ]);
    }
  });

  it('counts calendar days the same way', async () => {
    const days = { from: dayAfter(0).date, to: dayAfter(11).date };
    const daysOf = (response: GraphqlResponse<CalendarQuery>) =>
      response
        .data!.availabilityCalendar.filter((day) => day.doctors.some((entry) => entry.doctor.id === doctorId))
        .map((day) => day.date);
    expect(daysOf(await h.gql(CalendarDocument, { ...days, serviceId }))).toEqual([
      dayAfter(1).date,
      dayAfter(4).date,
      dayAfter(10).date,
    ]);
    expect(daysOf(await h.gql(CalendarDocument, days))).toEqual([dayAfter(4).date]);
    expect(daysOf(await h.gql(CalendarDocument, days, admin))).toEqual([
      dayAfter(1).date,
      dayAfter(4).date,
      dayAfter(10).date,
    ]);
  });

  it('keeps alternatives inside the window the appointment service names', async () => {
    const around = new Date(Date.now() + 4 * DAY_MS).toISOString();
    const ask = (window: object) =>
      h.asAppointment.call<{ slots: Array<{ id: string }> }>('scheduling', 'alternatives', {
        doctorId,
        around,
        limit: 5,
        ...window,
      });
    expect((await ask({})).slots.map((s) => s.id).sort()).toEqual(Object.values(slots).sort());
    const window = {
      notBefore: new Date(Date.now() + 2 * DAY_MS).toISOString(),
      notAfter: new Date(Date.now() + 8 * DAY_MS).toISOString(),
    };
    expect((await ask(window)).slots.map((s) => s.id)).toEqual([slots.inFourDays]);
  });
});
