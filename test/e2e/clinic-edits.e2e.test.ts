import { errorCode, Stack, startStack, stringMatching, variant } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AvailabilityCalendarDocument,
  BookAppointmentDocument,
  DeactivateUserDocument,
  DoctorsDocument,
  MedicalServicesDocument,
  RescheduleAppointmentDocument,
  RetireMedicalServiceDocument,
  UpcomingAppointmentsDocument,
  UpdateDoctorDocument,
  UpdateMedicalServiceDocument,
  UpdateMyDoctorProfileDocument,
} from '@carebook/sdk';
import { Clinic, day } from './lib/clinic';
import { ContractCall } from './lib/contract-call';

/**
 * Edit and undo for the catalogue and the doctors, end to end through the
 * gateway with the contract's documents: a service changed (booked
 * appointments keep their price) and retired, a doctor's own profile edit,
 * and a doctor taken out of service (by the record or by their account):
 * out of search and calendars and refused at once, their upcoming
 * appointments listed for the admin, who moves them.
 */
describe('editing the catalogue and the doctors through the gateway', () => {
  let stack: Stack;
  let clinic: Clinic;
  let gql: ContractCall;
  let ok: Clinic['ok'];
  let admin: string;
  let serviceId: string;
  const doctors: Record<'a' | 'b' | 'c', { id: string; token: string }> = {
    a: { id: '', token: '' },
    b: { id: '', token: '' },
    c: { id: '', token: '' },
  };
  let patient: { id: string; token: string };

  async function openDay(doctorId: string, offset: number) {
    return (
      await ok(
        AddAvailabilityDocument,
        { doctorId, date: day(offset), startTime: '09:00', endTime: '11:00', slotMinutes: 30 },
        admin,
      )
    ).addAvailability;
  }

  async function book(slotId: string, service = serviceId) {
    return gql(BookAppointmentDocument, { input: { slotId, serviceId: service } }, patient.token);
  }

  const listedDoctors = async () => (await ok(DoctorsDocument, {})).doctors.map((d) => d.id);
  const calendarDoctors = async () =>
    (await ok(AvailabilityCalendarDocument, { from: day(1), to: day(5), serviceId })).availabilityCalendar.flatMap(
      (d) => d.doctors.map((e) => e.doctor.id),
    );

  beforeAll(async () => {
    // feedback too: the contract's Doctors asks for ratings.
    stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'feedback']);
    clinic = await Clinic.open(stack);
    ({ gql, ok, admin } = clinic);
    serviceId = await clinic.service();
    for (const key of ['a', 'b', 'c'] as const)
      doctors[key] = await clinic.doctor({
        email: `dr-${key}@edits.e2e.test`,
        name: `Dr ${key.toUpperCase()}`,
        licenseNumber: `ED-${key}`,
        serviceIds: [serviceId],
      });
    patient = await clinic.patient({ email: 'p@edits.e2e.test', name: 'Patient Edits' });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('changes a service: new bookings see the new price, booked appointments keep theirs', async () => {
    const [first, second] = await openDay(doctors.a.id, 2);
    expect((await book(first.id)).data.bookAppointment.__typename).toBe('BookingConfirmed');
    const updated = await ok(
      UpdateMedicalServiceDocument,
      { id: serviceId, input: { price: '48.50', description: 'Thirty minutes with a GP' } },
      admin,
    );
    expect(updated.updateMedicalService).toEqual({
      id: serviceId,
      name: 'Consultation',
      category: 'GENERAL_CHECKUP',
      durationMinutes: 30,
      price: '48.50',
      currency: 'EUR',
      description: 'Thirty minutes with a GP',
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      active: true,
    });
    expect(
      errorCode(await gql(UpdateMedicalServiceDocument, { id: serviceId, input: { price: '1.00' } }, doctors.a.token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(UpdateMedicalServiceDocument, { id: serviceId, input: { durationMinutes: 1 } }, admin)),
    ).toBe('BAD_USER_INPUT');
    expect((await book(second.id)).data.bookAppointment.__typename).toBe('BookingConfirmed');
    const upcoming = (await ok(UpcomingAppointmentsDocument, { doctorId: doctors.a.id }, admin)).upcomingAppointments;
    expect(upcoming.map((a) => a.price)).toEqual(['40.00', '48.50']);
    expect(upcoming[0]).toMatchObject({
      status: 'CONFIRMED',
      patient: { id: patient.id, name: 'Patient Edits' },
      service: { id: serviceId, name: 'Consultation' },
    });
  });

  it('lets a doctor edit their own bio, location and phone, which the directory shows', async () => {
    const mine = await ok(
      UpdateMyDoctorProfileDocument,
      { input: { bio: 'Family medicine.', location: 'Room 4', phone: '+49 30 4444444' } },
      doctors.b.token,
    );
    expect(mine.updateMyDoctorProfile).toEqual({
      id: doctors.b.id,
      name: 'Dr B',
      bio: 'Family medicine.',
      location: 'Room 4',
      phone: '+49 30 4444444',
    });
    expect((await ok(DoctorsDocument, {})).doctors.find((d) => d.id === doctors.b.id)).toMatchObject({
      bio: 'Family medicine.',
      location: 'Room 4',
    });
    expect(errorCode(await gql(UpdateMyDoctorProfileDocument, { input: { bio: 'x' } }, patient.token))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await gql(UpdateMyDoctorProfileDocument, { input: { phone: 'none' } }, doctors.b.token))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('takes a deactivated doctor out of search and calendars and refuses them bookings at once; the admin moves what was booked', async () => {
    const slotsB = await openDay(doctors.b.id, 3);
    const slotsC = await openDay(doctors.c.id, 3);
    const booked = variant((await book(slotsB[0].id)).data.bookAppointment, 'BookingConfirmed').appointment.id;
    expect(await calendarDoctors()).toEqual(expect.arrayContaining([doctors.b.id, doctors.c.id]));

    const off = await ok(UpdateDoctorDocument, { id: doctors.b.id, input: { active: false } }, admin);
    expect(off.updateDoctor).toMatchObject({ id: doctors.b.id, active: false, bio: 'Family medicine.' });
    expect(await listedDoctors()).not.toContain(doctors.b.id);
    expect(await calendarDoctors()).not.toContain(doctors.b.id);
    const refused = await book(slotsB[1].id);
    expect(refused.errors?.[0]).toMatchObject({
      message: stringMatching(/no longer takes appointments/),
      extensions: { code: 'BAD_USER_INPUT' },
    });

    const upcoming = (await ok(UpcomingAppointmentsDocument, { doctorId: doctors.b.id }, admin)).upcomingAppointments;
    expect(upcoming.map((a) => a.id)).toEqual([booked]);
    expect(errorCode(await gql(UpcomingAppointmentsDocument, { doctorId: doctors.b.id }, doctors.c.token))).toBe(
      'FORBIDDEN',
    );
    const moved = await ok(RescheduleAppointmentDocument, { id: booked, newSlotId: slotsC[0].id }, admin);
    expect(moved.rescheduleAppointment.__typename).toBe('BookingConfirmed');
    expect((await ok(UpcomingAppointmentsDocument, { doctorId: doctors.b.id }, admin)).upcomingAppointments).toEqual(
      [],
    );

    // Undone: back in search and bookable.
    await ok(UpdateDoctorDocument, { id: doctors.b.id, input: { active: true } }, admin);
    expect(await listedDoctors()).toContain(doctors.b.id);
    expect((await book(slotsB[1].id)).data.bookAppointment.__typename).toBe('BookingConfirmed');
  });

  it("does the same when the doctor's account is deactivated", async () => {
    const slots = await openDay(doctors.c.id, 4);
    expect(await listedDoctors()).toContain(doctors.c.id);
    expect(
      (await ok(DeactivateUserDocument, { userId: doctors.c.id, reason: 'Left the practice' }, admin)).deactivateUser,
    ).toMatchObject({ id: doctors.c.id, active: false });
    expect(await listedDoctors()).not.toContain(doctors.c.id);
    expect(await calendarDoctors()).not.toContain(doctors.c.id);
    expect((await book(slots[1].id)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (await ok(UpcomingAppointmentsDocument, { doctorId: doctors.c.id }, admin)).upcomingAppointments.map(
        (a) => a.status,
      ),
    ).toEqual(['CONFIRMED']);
  });

  it('retires a service: gone from the catalogue and refused at once, booked appointments stay', async () => {
    const flu = await clinic.service({
      name: 'Flu shot',
      category: 'VACCINATION',
      durationMinutes: 15,
      price: '20.00',
    });
    await ok(UpdateDoctorDocument, { id: doctors.a.id, input: { serviceIds: [serviceId, flu] } }, admin);
    const slots = await openDay(doctors.a.id, 5);
    const booked = variant((await book(slots[0].id, flu)).data.bookAppointment, 'BookingConfirmed').appointment.id;
    expect((await ok(RetireMedicalServiceDocument, { id: flu }, admin)).retireMedicalService).toEqual({
      id: flu,
      name: 'Flu shot',
      active: false,
    });
    expect((await ok(MedicalServicesDocument, {})).medicalServices.map((s) => s.id)).not.toContain(flu);
    const refused = await book(slots[1].id, flu);
    expect(refused.errors?.[0]).toMatchObject({
      message: stringMatching(/no longer offered/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(errorCode(await gql(RetireMedicalServiceDocument, { id: flu }, patient.token))).toBe('FORBIDDEN');
    expect(
      (await ok(UpcomingAppointmentsDocument, { doctorId: doctors.a.id }, admin)).upcomingAppointments.find(
        (a) => a.id === booked,
      ),
    ).toMatchObject({ status: 'CONFIRMED' });
  });
});
