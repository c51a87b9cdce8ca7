import { Role } from '@carebook/platform';
import { dayAfter, Harness, startHarness, eachStore } from './harness';
import { AddAvailabilityDocument, AvailableSlotsDocument, CalendarDocument } from './generated/operations';

const DAY_MS = 86_400_000;

/**
 * A doctor who no longer takes appointments, or a retired service, leaves
 * the free-time answers at once, for everyone: the calendar answer cached a
 * moment before is dropped when the doctor service announces the change.
 */
eachStore('deactivated doctors and retired services in free-time answers (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness(databaseUrl());
    admin = await h.token(Role.ADMIN);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  async function openDay(doctorId: string) {
    const opened = await h.gql(
      AddAvailabilityDocument,
      { doctorId, date: dayAfter(3).date, startTime: '09:00', endTime: '10:00', slotMinutes: 30 },
      admin,
    );
    expect(opened.errors).toBeUndefined();
  }

  const range = () => ({ from: new Date().toISOString(), to: new Date(Date.now() + 7 * DAY_MS).toISOString() });
  const days = { from: dayAfter(0).date, to: dayAfter(6).date };
  const calendarDoctors = async (variables: object, token?: string) =>
    (await h.gql(CalendarDocument, { ...days, ...variables }, token)).data!.availabilityCalendar.flatMap((day) =>
      day.doctors.map((entry) => entry.doctor.id),
    );

  it('drops a deactivated doctor from slots and calendars at once, for patients and staff alike', async () => {
    const serviceId = await h.createService(30);
    const doctorId = await h.createDoctor([serviceId], 'Directory-Specialty');
    await openDay(doctorId);
    expect((await h.gql(AvailableSlotsDocument, { doctorId, ...range() })).data!.availableSlots).toHaveLength(2);
    expect(await calendarDoctors({ specialty: 'Directory-Specialty' })).toEqual([doctorId]); // now cached
    expect(await calendarDoctors({})).toContain(doctorId);

    await h.asAdmin.call('doctor', 'update-doctor', { id: doctorId, active: false });
    expect(await calendarDoctors({ specialty: 'Directory-Specialty' })).toEqual([]);
    expect(await calendarDoctors({})).not.toContain(doctorId);
    for (const token of [undefined, admin]) {
      expect((await h.gql(AvailableSlotsDocument, { doctorId, ...range() }, token)).data!.availableSlots).toEqual([]);
      expect(
        (await h.gql(AvailableSlotsDocument, { doctorId, ...range(), serviceId }, token)).data!.availableSlots,
      ).toEqual([]);
    }
  });

  it('offers no time for a retired service', async () => {
    const serviceId = await h.createService(30);
    const doctorId = await h.createDoctor([serviceId]);
    await openDay(doctorId);
    expect(await calendarDoctors({ serviceId })).toEqual([doctorId]);
    await h.asAdmin.call('doctor', 'retire-medical-service', { id: serviceId });
    expect(await calendarDoctors({ serviceId })).toEqual([]);
    const slots = await h.gql(AvailableSlotsDocument, { doctorId, ...range(), serviceId });
    expect(slots.errors).toBeUndefined();
    expect(slots.data!.availableSlots).toEqual([]);
    // The doctor's other free time stays on offer.
    expect((await h.gql(AvailableSlotsDocument, { doctorId, ...range() })).data!.availableSlots).toHaveLength(2);
  });
});
