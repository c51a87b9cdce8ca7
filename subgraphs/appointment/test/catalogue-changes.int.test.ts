import {
  anyString,
  errorCode,
  GraphqlResponse,
  postAsGateway,
  serviceClientAs,
  stringMatching,
  variant,
} from '@carebook/platform/testing';
import { doctorApi } from '../src/clients/doctor-facts-cache';
import { BookingStack, eachStore } from './booking-stack';
import { CreateLocationDocument } from './generated/doctor';
import {
  AppointmentNamedDocument,
  BookDocument,
  BookMutation,
  BookNamedDocument,
  RescheduleDocument,
  UpcomingAppointmentsDocument,
} from './generated/operations';

jest.setTimeout(60_000);

/** The appointment a booking confirmed (failing the test when it was refused). */
const bookedAppointment = (response: GraphqlResponse<BookMutation>) =>
  variant(response.data!.bookAppointment, 'BookingConfirmed').appointment;

/**
 * Changes to doctors and the catalogue as bookings meet them, with the real
 * doctor service announcing each change: a deactivated doctor or a retired
 * service is refused the very next booking (although the appointment service
 * had both cached a moment before), booked appointments keep their price, and
 * an admin lists the deactivated doctor's upcoming appointments to move them.
 */
eachStore('doctor and catalogue changes meeting bookings on %s', (_store, databaseUrl) => {
  let stack: BookingStack;

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl());
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function book(slotId: string, serviceId: string) {
    const patient = await stack.patient();
    const response = await stack.gql(BookDocument, { input: { slotId, serviceId } }, patient.token);
    return { patient, response };
  }

  it('refuses the next booking at once when the doctor is deactivated, keeps their booked appointments, and lists them for the admin', async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '11:00', 30);
    const first = await book(slots[0].id, service.id); // the doctor and the service are now cached
    const second = await book(slots[1].id, service.id);
    const ids = [first, second].map(({ response }) => bookedAppointment(response).id);

    await stack.asAdmin.call('doctor', 'update-doctor', { id: doctorId, active: false });
    const refused = await book(slots[2].id, service.id);
    expect(refused.response.errors?.[0]).toMatchObject({
      message: stringMatching(/no longer takes appointments/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await stack.slot(slots[2].id)).toMatchObject({ status: 'FREE' });
    for (const id of ids) expect((await stack.appointmentRow(id))!.status).toBe('CONFIRMED');

    const listed = await stack.gql(UpcomingAppointmentsDocument, { doctorId }, stack.adminToken);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.upcomingAppointments.map((a) => a.id)).toEqual(ids);
    expect(
      (await stack.gql(UpcomingAppointmentsDocument, { doctorId }, await stack.doctorToken(doctorId))).data!
        .upcomingAppointments,
    ).toHaveLength(2);
    expect(
      errorCode(
        await stack.gql(
          UpcomingAppointmentsDocument,
          { doctorId },
          await stack.doctorToken((await stack.patient()).id),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql(UpcomingAppointmentsDocument, { doctorId }, first.patient.token))).toBe(
      'FORBIDDEN',
    );

    // Moved elsewhere by the admin, an appointment leaves the list.
    const colleague = await stack.createDoctor([service.id], 'Dr Colleague');
    const [elsewhere] = await stack.openSlots(colleague, stack.freshDay(), '09:00', '09:30', 30);
    expect(
      (await stack.gql(RescheduleDocument, { id: ids[0], newSlotId: elsewhere.id }, stack.adminToken)).data!
        .rescheduleAppointment.__typename,
    ).toBe('BookingConfirmed');
    expect(
      (await stack.gql(UpcomingAppointmentsDocument, { doctorId }, stack.adminToken)).data!.upcomingAppointments.map(
        (a) => a.id,
      ),
    ).toEqual([ids[1]]);
  });

  it('refuses the next booking of a retired service at once; a new price applies to new bookings only', async () => {
    const service = await stack.createService(30, '40.00');
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '11:00', 30);
    const before = await book(slots[0].id, service.id);
    expect(bookedAppointment(before.response).price).toBe('40.00');

    await stack.asAdmin.call('doctor', 'update-medical-service', { id: service.id, price: '55.00' });
    const after = await book(slots[1].id, service.id);
    expect(bookedAppointment(after.response).price).toBe('55.00');
    expect((await stack.appointmentRow(bookedAppointment(before.response).id))!.price).toBe('40.00');

    await stack.asAdmin.call('doctor', 'retire-medical-service', { id: service.id });
    const refused = await book(slots[2].id, service.id);
    expect(refused.response.errors?.[0]).toMatchObject({
      message: stringMatching(/no longer offered/),
      extensions: { code: 'BAD_USER_INPUT', field: 'serviceId' },
    });
    expect((await stack.appointmentRow(bookedAppointment(after.response).id))!.status).toBe('CONFIRMED');
  });
  it("names the appointment's doctor, service and location as the doctor service does now: a rename shows in the very next answer", async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id], 'Dr Before');
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:00', 30);
    const booked = await stack.gql(
      BookNamedDocument,
      { input: { slotId: slots[0].id, serviceId: service.id } },
      (await stack.patient()).token,
    );
    expect(booked.errors).toBeUndefined();
    const { appointment } = variant(booked.data!.bookAppointment, 'BookingConfirmed');
    expect(appointment.doctor).toEqual({ id: doctorId, name: 'Dr Before' });
    expect(appointment.service.name).toMatch(/^Visit /);
    expect(appointment.location).toMatchObject({
      id: 'default',
      name: anyString(),
      address: anyString(),
    });

    // The names above are now cached here; the doctor service announces the renames, and the next answer follows them.
    await stack.asAdmin.call('doctor', 'update-doctor', { id: doctorId, name: 'Dr After' });
    await stack.asAdmin.call('doctor', 'update-medical-service', {
      id: service.id,
      name: `Renamed ${service.id.slice(0, 8)}`,
    });
    const read = await stack.gql(AppointmentNamedDocument, { id: appointment.id }, stack.adminToken);
    expect(read.errors).toBeUndefined();
    expect(read.data!.appointment!.doctor.name).toBe('Dr After');
    expect(read.data!.appointment!.service.name).toBe(`Renamed ${service.id.slice(0, 8)}`);
  });

  it('finds a location created a moment ago when asked afresh, before its announcement has emptied the kept list', async () => {
    // No announcement feed here: the kept list stays as it was until asked afresh, as the location names do on a miss.
    const doctors = doctorApi(serviceClientAs('appointment', stack.env), 60_000);
    const before = (await doctors.locations()).map((location) => location.id);
    const created = await postAsGateway(
      'doctor',
      stack.doctor.url,
      CreateLocationDocument,
      { input: { name: `Annex ${Date.now()}`, address: 'Annex Road 1', timeZone: 'Europe/Lisbon' } },
      stack.adminToken,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createLocation.id;
    expect(before).not.toContain(id);
    expect((await doctors.locations()).map((location) => location.id)).not.toContain(id);
    expect((await doctors.locations(true)).map((location) => location.id)).toContain(id);
  });
});
