import {
  errorCode,
  ReceivedMail,
  SmtpSink,
  Stack,
  startSmtpSink,
  startStack,
  variant,
} from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AvailableSlotsDocument,
  BookAppointmentDocument,
  CloseClinicDocument,
  CreateLocationDocument,
  LocationsDocument,
  MyAppointmentsDocument,
  RescheduleAppointmentDocument,
  SetWeeklyAvailabilityDocument,
  UpdateLocationDocument,
} from '@carebook/sdk';
import { Clinic, day } from './lib/clinic';
import { ContractCall } from './lib/contract-call';

const WORKER = 'subgraphs/notification/dist/workers/main.js';
const NEW_YORK = 'America/New_York';
/** "2026-12-05 09:00" on the zone's clock. */
const localClock = (instant: string, timeZone: string) =>
  new Date(instant).toLocaleString('sv-SE', { timeZone, hour12: false }).slice(0, 16);
/** The zone's short name at that instant, as notices print it ("EST" or "EDT"). */
const offsetName = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName')!.value;
const MANHATTAN = { name: 'Carebook Manhattan', address: '350 5th Ave, New York, NY 10118', timeZone: NEW_YORK };

/**
 * Clinic locations through the gateway with the contract's documents: a
 * second location in another zone, a doctor's hours there, a patient's
 * booking whose appointment and confirmation email show the location's zone
 * (named) and address, and closeClinic for one location touching only its
 * bookings. The default location keeps CLINIC_TIME_ZONE (Berlin here).
 */
describe('clinic locations with their own time zones, through the gateway', () => {
  let stack: Stack;
  let sink: SmtpSink;
  let clinic: Clinic;
  let gql: ContractCall;
  let ok: Clinic['ok'];
  let admin: string;
  let serviceId: string;
  let newYork: string;
  const doctor = { id: '', email: 'dr-two-sites@locations.e2e.test' };
  const patient = { id: '', token: '', email: 'traveller@locations.e2e.test' };

  const book = async (slotId: string) =>
    variant(
      (await ok(BookAppointmentDocument, { input: { slotId, serviceId } }, patient.token)).bookAppointment,
      'BookingConfirmed',
    ).appointment;
  const to = (address: string, prefix: string) => (messages: ReceivedMail[]) =>
    messages.filter((m) => m.to.includes(address) && m.headers.get('subject')?.startsWith(prefix));

  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startStack(
      ['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'notification', 'billing', 'feedback'],
      { SMTP_URL: sink.url, CLINIC_TIME_ZONE: 'Europe/Berlin' },
      { workers: [WORKER] },
    );
    clinic = await Clinic.open(stack);
    ({ gql, ok, admin } = clinic);
    serviceId = await clinic.service();
    doctor.id = await clinic.createDoctor({
      email: doctor.email,
      name: 'Dr Two Sites',
      licenseNumber: 'LOC-1',
      serviceIds: [serviceId],
    });
    const { id, token } = await clinic.patient({ email: patient.email, name: 'Tra Veller' });
    Object.assign(patient, { id, token });
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await sink?.stop();
  });

  it('has the default location in CLINIC_TIME_ZONE from the start; admins add one in another zone, bad zones are refused', async () => {
    const before = (await ok(LocationsDocument, {})).locations;
    expect(before).toEqual([
      expect.objectContaining({ id: 'default', timeZone: 'Europe/Berlin', isDefault: true, active: true }),
    ]);

    const badZone = await gql(CreateLocationDocument, { input: { ...MANHATTAN, timeZone: 'New York' } }, admin);
    expect(badZone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    expect(badZone.errors?.[0].message).toMatch(/timeZone must be an IANA time zone name such as Europe\/Berlin/);
    expect(errorCode(await gql(CreateLocationDocument, { input: MANHATTAN }, patient.token))).toBe('FORBIDDEN');
    expect((await ok(LocationsDocument, {})).locations).toHaveLength(1);

    const created = (await ok(CreateLocationDocument, { input: MANHATTAN }, admin)).createLocation;
    expect(created).toMatchObject({ ...MANHATTAN, active: true, isDefault: false });
    newYork = created.id;
    // The zone is fixed once created; the default location's zone is CLINIC_TIME_ZONE.
    const moved = await gql(UpdateLocationDocument, { id: newYork, input: { timeZone: 'Europe/Paris' } }, admin);
    expect(moved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    const unknown = await gql(UpdateLocationDocument, { id: 'nowhere', input: { name: 'Nowhere' } }, admin);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const renamed = await ok(
      UpdateLocationDocument,
      { id: 'default', input: { name: 'Carebook Berlin', address: 'Unter den Linden 1, Berlin' } },
      admin,
    );
    expect(renamed.updateLocation).toMatchObject({ name: 'Carebook Berlin', timeZone: 'Europe/Berlin' });
    expect((await ok(LocationsDocument, {})).locations.map((l) => l.name)).toEqual([
      'Carebook Berlin',
      'Carebook Manhattan',
    ]);
  });

  it('refuses hours at an unknown location and hours at two locations at once; nothing is written', async () => {
    const unknown = await gql(
      SetWeeklyAvailabilityDocument,
      {
        doctorId: doctor.id,
        rules: [{ dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '10:00', slotMinutes: 30, locationId: 'nowhere' }],
      },
      admin,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules[0].locationId' });
    // 15:00 in Berlin is 09:00 in New York (except in the weeks the two change their clocks apart).
    const clash = await gql(
      SetWeeklyAvailabilityDocument,
      {
        doctorId: doctor.id,
        rules: [
          { dayOfWeek: 'WEDNESDAY', startTime: '15:00', endTime: '16:00', slotMinutes: 30 },
          { dayOfWeek: 'WEDNESDAY', startTime: '09:00', endTime: '10:00', slotMinutes: 30, locationId: newYork },
        ],
      },
      admin,
    );
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'LOCATION_OVERLAP' });
    expect(clash.errors?.[0].message).toContain('Carebook Manhattan');
    const free = await ok(AvailableSlotsDocument, {
      doctorId: doctor.id,
      from: new Date().toISOString(),
      to: `${day(60)}T00:00:00Z`,
    });
    expect(free.availableSlots).toEqual([]);
  });

  it('a patient books in New York: the slot, the appointment and the confirmation email show New York time, the zone and the address', async () => {
    const nySlots = (
      await ok(
        AddAvailabilityDocument,
        {
          doctorId: doctor.id,
          date: day(5),
          startTime: '09:00',
          endTime: '11:00',
          slotMinutes: 60,
          locationId: newYork,
        },
        admin,
      )
    ).addAvailability;
    expect(nySlots.map((s) => s.timeZone)).toEqual([NEW_YORK, NEW_YORK]);
    expect(localClock(nySlots[0].startsAt, NEW_YORK)).toBe(`${day(5)} 09:00`);

    const offered = (
      await ok(AvailableSlotsDocument, {
        doctorId: doctor.id,
        from: `${day(5)}T00:00:00Z`,
        to: `${day(6)}T12:00:00Z`,
        serviceId,
      })
    ).availableSlots;
    expect(offered[0]).toMatchObject({
      id: nySlots[0].id,
      timeZone: NEW_YORK,
      location: { id: newYork, name: MANHATTAN.name, address: MANHATTAN.address },
    });

    const appointment = await book(nySlots[0].id);
    expect(appointment).toMatchObject({
      timeZone: NEW_YORK,
      location: { id: newYork, name: MANHATTAN.name, address: MANHATTAN.address },
    });
    const mine = (await ok(MyAppointmentsDocument, {}, patient.token)).myAppointments;
    expect(mine.find((a) => a.id === appointment.id)).toMatchObject({
      timeZone: NEW_YORK,
      location: { name: MANHATTAN.name },
    });

    const confirmation = to(patient.email, 'Appointment confirmed');
    const [mail] = await sink.waitFor((m) => confirmation(m).length === 1, 30_000).then(confirmation);
    const zoneName = offsetName(nySlots[0].startsAt, NEW_YORK);
    expect(mail.headers.get('subject')).toContain(`09:00 ${zoneName}`);
    const parsed = await mail.parsed();
    expect(parsed.text).toContain(
      `at 09:00 (${zoneName}, America/New_York) at Carebook Manhattan, 350 5th Ave, New York, NY 10118`,
    );
    const invite = parsed.attachments.find((a) => a.filename === 'appointment.ics')!.content.toString('utf8');
    expect(invite.replace(/\r\n /g, '')).toContain(
      'LOCATION:Carebook Manhattan\\, 350 5th Ave\\, New York\\, NY 10118',
    );
  });

  it('a move to a time in Berlin takes Berlin as its place and zone', async () => {
    const [spare] = (
      await ok(
        AddAvailabilityDocument,
        {
          doctorId: doctor.id,
          date: day(7),
          startTime: '16:00',
          endTime: '17:00',
          slotMinutes: 60,
          locationId: newYork,
        },
        admin,
      )
    ).addAvailability;
    const [berlinSlot] = (
      await ok(
        AddAvailabilityDocument,
        { doctorId: doctor.id, date: day(8), startTime: '09:00', endTime: '10:00', slotMinutes: 60 },
        admin,
      )
    ).addAvailability;
    const booked = await book(spare.id);
    expect(booked.timeZone).toBe(NEW_YORK);
    const moved = variant(
      (await ok(RescheduleAppointmentDocument, { id: booked.id, newSlotId: berlinSlot.id }, patient.token))
        .rescheduleAppointment,
      'BookingConfirmed',
    ).appointment;
    expect(moved.timeZone).toBe('Europe/Berlin');
    const mine = (await ok(MyAppointmentsDocument, {}, patient.token)).myAppointments.find((a) => a.id === booked.id)!;
    expect(mine.location).toMatchObject({
      id: 'default',
      name: 'Carebook Berlin',
      address: 'Unter den Linden 1, Berlin',
    });
    const notice = to(patient.email, 'Appointment moved');
    const [mail] = await sink.waitFor((m) => notice(m).length === 1, 30_000).then(notice);
    expect((await mail.parsed()).text).toContain(
      `(${offsetName(berlinSlot.startsAt, 'Europe/Berlin')}, Europe/Berlin) at Carebook Berlin, Unter den Linden 1, Berlin`,
    );
  });

  it('closes New York for two days: only its bookings refuse it or are cancelled; Berlin hours and bookings stay', async () => {
    const berlinSlots = (
      await ok(
        AddAvailabilityDocument,
        { doctorId: doctor.id, date: day(6), startTime: '09:00', endTime: '10:00', slotMinutes: 60 },
        admin,
      )
    ).addAvailability;
    const inBerlin = await book(berlinSlots[0].id);
    expect(inBerlin).toMatchObject({ timeZone: 'Europe/Berlin', location: { id: 'default', name: 'Carebook Berlin' } });
    const mine = async () => (await ok(MyAppointmentsDocument, {}, patient.token)).myAppointments;
    const inNewYork = (await mine()).find((a) => a.location.id === newYork)!;

    const refused = await gql(CloseClinicDocument, { from: day(5), to: day(6), locationId: newYork }, admin);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(
      (refused.errors![0].extensions!.appointments as Array<{ appointmentId: string }>).map((a) => a.appointmentId),
    ).toEqual([inNewYork.id]);

    const unknown = await gql(CloseClinicDocument, { from: day(5), to: day(6), locationId: 'nowhere' }, admin);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locationId' });

    const closed = (
      await ok(
        CloseClinicDocument,
        { from: day(5), to: day(6), locationId: newYork, reason: 'Storm', cancelBooked: true },
        admin,
      )
    ).closeClinic;
    expect(closed.timeOffs.map((t) => t.doctor.id)).toEqual([doctor.id]);
    expect(closed.cancelled.map((a) => a.id)).toEqual([inNewYork.id]);
    expect(closed.blockedSlots).toBe(1);
    const after = await mine();
    expect(after.find((a) => a.id === inNewYork.id)?.status).toBe('CANCELLED');
    expect(after.find((a) => a.id === inBerlin.id)?.status).toBe('CONFIRMED');
  });
});
