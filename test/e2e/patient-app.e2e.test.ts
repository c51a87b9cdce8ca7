import { operation } from '@carebook/clients';
import { BOOTSTRAP_ADMIN, Stack, startStack } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  BookAppointmentDocument,
  CarebookClient,
  createCarebookClient,
  CreateDoctorDocument,
  CreateMedicalServiceDocument,
  LoginDocument,
  MoveAppointmentDocument,
  MyAppointmentsDocument,
  MyProfileSettingsDocument,
  RegisterPatientDocument,
  UpdateMyProfileDocument,
} from '@carebook/sdk';
import { print } from 'graphql';

/**
 * The operations the patient web app adds to the contract, through the
 * gateway with the SDK's typed documents: the profile form with its
 * notification channels, and a reschedule that changes doctor and service.
 */
describe('the patient app operations end to end', () => {
  let stack: Stack;
  let patient: CarebookClient;
  let admin: CarebookClient;
  const services: string[] = [];
  const slots: Record<'a' | 'b', string[]> = { a: [], b: [] };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const signedIn = (token: string) => createCarebookClient({ url: stack.gatewayUrl, getToken: () => token });

  beforeAll(async () => {
    // MyAppointments reads invoices, feedback and notices too.
    stack = await startStack([
      'auth',
      'patient',
      'doctor',
      'admin',
      'scheduling',
      'appointment',
      'billing',
      'feedback',
      'notification',
    ]);
    const anonymous = createCarebookClient({ url: stack.gatewayUrl });
    admin = signedIn((await anonymous.request(LoginDocument, BOOTSTRAP_ADMIN)).login.accessToken);
    for (const name of ['Check-up', 'Vaccination']) {
      services.push(
        (
          await admin.request(CreateMedicalServiceDocument, {
            input: { name, category: 'GENERAL_CHECKUP', durationMinutes: 30, price: '30.00', currency: 'EUR' },
          })
        ).createMedicalService.id,
      );
    }
    for (const [key, serviceIds] of [
      ['a', [services[0]]],
      ['b', services],
    ] as const) {
      const { createDoctor } = await admin.request(CreateDoctorDocument, {
        input: {
          email: `dr-${key}@app.e2e.test`,
          password: 'doctor-password-1',
          name: `Dr ${key}`,
          specialty: 'General practice',
          licenseNumber: `APP-${key}`,
          serviceIds: [...serviceIds],
        },
      });
      slots[key] = (
        await admin.request(AddAvailabilityDocument, {
          doctorId: createDoctor.id,
          date: day(2),
          startTime: '09:00',
          endTime: '10:00',
          slotMinutes: 30,
        })
      ).addAvailability.map((s) => s.id);
    }
    patient = signedIn(
      (
        await anonymous.request(RegisterPatientDocument, {
          input: { email: 'pat@app.e2e.test', password: 'patient-password-1', name: 'Pat App' },
        })
      ).registerPatient.accessToken,
    );
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('sends the contract documents as written', () => {
    expect(print(MoveAppointmentDocument)).toBe(operation('MoveAppointment'));
    expect(print(MyProfileSettingsDocument)).toBe(operation('MyProfileSettings'));
  });

  it('MyProfileSettings reads the notification channels UpdateMyProfile sets', async () => {
    expect((await patient.request(MyProfileSettingsDocument)).myProfile).toMatchObject({
      email: 'pat@app.e2e.test',
      notificationChannels: ['EMAIL'],
    });
    await patient.request(UpdateMyProfileDocument, {
      input: { notificationChannels: ['EMAIL', 'SMS'], phone: '+4915112345678' },
    });
    expect((await patient.request(MyProfileSettingsDocument)).myProfile).toMatchObject({
      phone: '+4915112345678',
      notificationChannels: ['EMAIL', 'SMS'],
    });
  });

  it('MoveAppointment moves to another doctor and service, and answers SlotUnavailable for a taken slot', async () => {
    const booked = await patient.request(BookAppointmentDocument, {
      input: { slotId: slots.a[0], serviceId: services[0], reason: 'Check-up' },
    });
    if (booked.bookAppointment.__typename !== 'BookingConfirmed') throw new Error('booking failed');
    const id = booked.bookAppointment.appointment.id;

    const moved = await patient.request(MoveAppointmentDocument, { id, newSlotId: slots.b[1], serviceId: services[1] });
    expect(moved.rescheduleAppointment).toMatchObject({
      __typename: 'BookingConfirmed',
      appointment: { id, doctor: { name: 'Dr b' }, service: { id: services[1], name: 'Vaccination' } },
    });

    const anonymous = createCarebookClient({ url: stack.gatewayUrl });
    const other = signedIn(
      (
        await anonymous.request(RegisterPatientDocument, {
          input: { email: 'other@app.e2e.test', password: 'patient-password-1', name: 'Other' },
        })
      ).registerPatient.accessToken,
    );
    expect(
      (await other.request(BookAppointmentDocument, { input: { slotId: slots.a[1], serviceId: services[0] } }))
        .bookAppointment.__typename,
    ).toBe('BookingConfirmed');
    const taken = await patient.request(MoveAppointmentDocument, { id, newSlotId: slots.a[1], serviceId: services[0] });
    expect(taken.rescheduleAppointment.__typename).toBe('SlotUnavailable');
    if (taken.rescheduleAppointment.__typename === 'SlotUnavailable')
      expect(taken.rescheduleAppointment.alternatives.map((s) => s.id)).toContain(slots.a[0]);
    const mine = await patient.request(MyAppointmentsDocument);
    expect(mine.myAppointments.find((a) => a.id === id)).toMatchObject({
      status: 'CONFIRMED',
      service: { name: 'Vaccination' },
      doctor: { name: 'Dr b' },
    });
  });

  it('refuses a service the new doctor does not offer, changing nothing', async () => {
    const [mine] = (await patient.request(MyAppointmentsDocument)).myAppointments;
    const result = await patient.execute(MoveAppointmentDocument, {
      id: mine.id,
      newSlotId: slots.a[0],
      serviceId: services[1],
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/\w/);
    expect((await patient.request(MyAppointmentsDocument)).myAppointments[0]).toMatchObject({
      id: mine.id,
      startsAt: mine.startsAt,
      service: { name: 'Vaccination' },
    });
  });
});
