import { operation } from '@carebook/clients';
import { errorCode, liveClient, postGraphql, Stack, startStack, variant } from '@carebook/platform/testing';
import {
  AppointmentsDocument,
  BookAppointmentDocument,
  CancelAppointmentDocument,
  FindPatientsDocument,
  PatientChartDocument,
  UpdateMyProfileDocument,
} from '@carebook/sdk';
import { Clinic } from './lib/clinic';
import { ContractCall } from './lib/contract-call';
import { changeKind, scheduleChange } from './lib/schedule-change';

/**
 * The front desk (role STAFF) end to end through the gateway: a receptionist
 * finds a patient who phones in (by number, as they say it), books for her,
 * sees the booking in any doctor's list and live on every schedule, and
 * cancels it; the patient's chart stays closed to the desk wherever it is
 * asked for, through the gateway's federation too.
 */
describe('the front desk through the gateway', () => {
  let stack: Stack;
  let clinic: Clinic;
  let gql: ContractCall;
  let ok: Clinic['ok'];
  let staff: string;
  let serviceId: string;
  let doctorId: string;
  let slots: string[];
  const patient = {
    id: '',
    token: '',
    name: 'Hannah Frontdesk',
    email: 'hannah@front-desk.e2e.test',
    phone: '+44 20 7946 0555',
    history: 'front-desk-e2e-history',
  };

  beforeAll(async () => {
    stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment']);
    clinic = await Clinic.open(stack);
    ({ gql, ok } = clinic);
    serviceId = await clinic.service({ name: 'Desk check-up', price: '30.00' });
    doctorId = await clinic.createDoctor({
      email: 'dr@front-desk.e2e.test',
      name: 'Dr Desk',
      licenseNumber: 'FD-1',
      serviceIds: [serviceId],
    });
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    slots = (await clinic.openDay({ doctorId, date, startTime: '09:00', endTime: '11:00', slotMinutes: 30 })).map(
      (s) => s.id,
    );
    const { id, token } = await clinic.patient({ email: patient.email, name: patient.name, phone: patient.phone });
    Object.assign(patient, { id, token });
    await ok(UpdateMyProfileDocument, { input: { medicalHistory: patient.history } }, patient.token);
    staff = (await clinic.staff({ email: 'desk@front-desk.e2e.test', name: 'Desk', password: 'desk-password-1' }))
      .token;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('finds the patient by the number she gives (without the country code), books for her, sees and cancels it, live on every schedule', async () => {
    const live = liveClient(stack.gatewayUrl, staff);
    try {
      // No doctorId: the desk follows every doctor's schedule.
      const subscription = live.subscribe(operation('ScheduleChanged'), {});
      const [found] = (await ok(FindPatientsDocument, { search: '020 7946 0555' }, staff)).findPatients;
      expect(found).toMatchObject({
        id: patient.id,
        name: patient.name,
        email: patient.email,
        phone: patient.phone,
        appointments: [],
      });

      const withoutPatient = await gql(BookAppointmentDocument, { input: { slotId: slots[0], serviceId } }, staff);
      expect(errorCode(withoutPatient)).toBe('BAD_USER_INPUT');
      expect(withoutPatient.errors![0].message).toMatch(/needs patientId/);

      const booked = variant(
        (await ok(BookAppointmentDocument, { input: { slotId: slots[0], serviceId, patientId: found.id } }, staff))
          .bookAppointment,
        'BookingConfirmed',
      );
      const delivered = await subscription.next((r) => changeKind(r) === 'SLOT_BOOKED', 10_000);
      expect(scheduleChange(delivered).appointment).toMatchObject({
        id: booked.appointment.id,
        patient: { name: patient.name },
      });

      const listed = (
        await ok(AppointmentsDocument, { filter: { doctorId }, first: 10 }, staff)
      ).appointments.edges.map((e) => e.node);
      expect(listed).toEqual([
        expect.objectContaining({ id: booked.appointment.id, patient: { id: patient.id, name: patient.name } }),
      ]);
      expect(
        (await ok(FindPatientsDocument, { search: 'hannah@front-desk' }, staff)).findPatients[0].appointments,
      ).toEqual([expect.objectContaining({ id: booked.appointment.id, status: 'CONFIRMED' })]);

      expect(
        (await ok(CancelAppointmentDocument, { id: booked.appointment.id, reason: 'Phoned to cancel' }, staff))
          .cancelAppointment.status,
      ).toBe('CANCELLED');
    } finally {
      void live.dispose();
    }
  });

  it("never opens the patient's chart to the desk, asked directly or through another subgraph's reference", async () => {
    const chart = await gql(PatientChartDocument, { id: patient.id }, staff);
    expect(errorCode(chart)).toBe('FORBIDDEN');
    expect(JSON.stringify(chart)).not.toContain(patient.history);
    // Not a contract operation: a hand-made query that reaches the chart through Appointment.patient.
    const sideways = await postGraphql(
      stack.gatewayUrl,
      'query($d: ID!) { appointments(filter: { doctorId: $d }, first: 5) { edges { node { patient { name medicalHistory records { id } } } } } }',
      { d: doctorId },
      staff,
    );
    expect(sideways.errors?.map((e) => e.extensions?.code)).toEqual(expect.arrayContaining(['FORBIDDEN']));
    expect(JSON.stringify(sideways)).not.toContain(patient.history);
  });

  it('is refused patient search to patients and doctors, and bad searches with BAD_USER_INPUT', async () => {
    expect(errorCode(await gql(FindPatientsDocument, { search: patient.name }, patient.token))).toBe('FORBIDDEN');
    const tooShort = await gql(FindPatientsDocument, { search: 'h' }, staff);
    expect(errorCode(tooShort)).toBe('BAD_USER_INPUT');
    expect(tooShort.errors![0].message).toMatch(/part of a name, an email address or a phone number/);
  });
});
