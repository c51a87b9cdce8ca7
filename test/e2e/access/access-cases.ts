import {
  AddAvailabilityDocument,
  AddTimeOffDocument,
  CreateLocationDocument,
  CreateMedicalServiceDocument,
  LoginDocument,
} from '@carebook/sdk';
import { randomUUID } from 'node:crypto';
import type { Caller } from './access-table';
import type { ClinicFixture } from './clinic-fixture';

/** One cell of the matrix: what to send, and what must not leak or change when it is refused. */
export interface Cell {
  variables: Record<string, unknown>;
  /** Defaults to the caller's own token. */
  token?: string;
  /** Strings that must not appear in the response of a refused or own-only cell. */
  secrets?: string[];
  /** Read before and after a refused cell: must be equal (nothing changed). */
  state?: () => Promise<unknown>;
}

type CellBuilder = (clinic: ClinicFixture, caller: Caller) => Promise<Cell>;

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const instant = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString();

/** The patient's personal data: never in a response to anyone refused it. */
const patientSecrets = (clinic: ClinicFixture) => [
  clinic.secrets.patientName,
  clinic.secrets.history,
  clinic.secrets.diagnosis,
  clinic.patient.email,
];

const count = (clinic: ClinicFixture, service: string, sql: string, params: unknown[]) => async () =>
  (await clinic.sql(service, sql, params))[0];

/** A fresh service of the catalogue, for cells that change or retire one. */
const newService = async (clinic: ClinicFixture): Promise<string> =>
  (
    await clinic.ok(
      CreateMedicalServiceDocument,
      {
        input: {
          name: `Matrix service ${randomUUID().slice(0, 8)}`,
          category: 'LAB_TEST',
          durationMinutes: 15,
          price: '10.00',
          currency: 'EUR',
        },
      },
      clinic.admin.token,
    )
  ).createMedicalService.id;

/** Own credentials for everyone; anonymous uses the patient's (signing in is what anonymous callers do). */
const credentialsOf = (clinic: ClinicFixture, caller: Caller) => {
  const account = caller === 'anonymous' ? clinic.patient : clinic.accountOf(caller);
  return { email: account.email, password: account.password };
};

export const CELLS: Record<string, CellBuilder> = {
  async RegisterPatient() {
    return {
      variables: {
        input: {
          email: `new-${randomUUID().slice(0, 8)}@matrix.e2e.test`,
          password: 'matrix-password-1',
          name: 'New Patient',
        },
      },
    };
  },
  async Login(clinic, caller) {
    return { variables: credentialsOf(clinic, caller) };
  },
  async RefreshSession(clinic, caller) {
    const login = await clinic.ok(LoginDocument, credentialsOf(clinic, caller));
    return { variables: { refreshToken: login.login.refreshToken } };
  },
  async Me() {
    return { variables: {} };
  },
  // Cells that end the caller's sessions run as a new account of the caller's kind, so the clinic's own tokens live on.
  async ChangePassword(clinic, caller) {
    const account = await clinic.freshAccountLike(caller);
    return {
      variables: { currentPassword: account?.password ?? clinic.patient.password, newPassword: 'matrix-password-2' },
      token: account?.token,
    };
  },
  async RequestPasswordReset() {
    return { variables: { email: `nobody-${randomUUID().slice(0, 8)}@matrix.e2e.test` } };
  },
  async ResetPassword(clinic) {
    return {
      variables: { token: await clinic.resetTokenFor(await clinic.newPatient()), newPassword: 'matrix-password-3' },
    };
  },
  async Logout(clinic, caller) {
    const login = await clinic.ok(LoginDocument, credentialsOf(clinic, caller));
    return { variables: { refreshToken: login.login.refreshToken } };
  },
  async LogoutEverywhere(clinic, caller) {
    const account = await clinic.freshAccountLike(caller);
    return { variables: {}, token: account?.token };
  },
  async MedicalServices() {
    return { variables: {} };
  },
  async Doctors() {
    return { variables: {} };
  },
  async Locations() {
    return { variables: {} };
  },
  async AvailabilityCalendar(clinic) {
    return { variables: { from: day(1), to: day(60), serviceId: clinic.serviceId } };
  },
  async AvailableSlots(clinic) {
    return {
      variables: { doctorId: clinic.doctor.id, from: instant(0), to: instant(90), serviceId: clinic.serviceId },
    };
  },
  async BookAppointment(clinic) {
    const slotId = await clinic.freeSlot();
    return {
      variables: { input: { slotId, serviceId: clinic.serviceId, patientId: clinic.patient.id, reason: 'matrix' } },
      secrets: patientSecrets(clinic),
      state: count(clinic, 'scheduling', 'select status from slots where id = ?', [slotId]),
    };
  },
  async RescheduleAppointment(clinic) {
    const id = await clinic.book();
    return {
      variables: { id, newSlotId: await clinic.freeSlot() },
      secrets: patientSecrets(clinic),
      state: () => clinic.statusOf(id),
    };
  },
  async MoveAppointment(clinic) {
    const id = await clinic.book();
    return {
      variables: { id, newSlotId: await clinic.freeSlot(), serviceId: clinic.serviceId },
      secrets: patientSecrets(clinic),
      state: () => clinic.statusOf(id),
    };
  },
  async CancelAppointment(clinic) {
    const id = await clinic.book();
    return { variables: { id, reason: 'matrix' }, secrets: patientSecrets(clinic), state: () => clinic.statusOf(id) };
  },
  async MyAppointments(clinic) {
    const id = await clinic.book();
    return { variables: {}, secrets: [id, ...patientSecrets(clinic)] };
  },
  async MyProfile(clinic) {
    return { variables: {}, secrets: patientSecrets(clinic) };
  },
  async MyProfileSettings(clinic) {
    return { variables: {}, secrets: patientSecrets(clinic) };
  },
  async UpdateMyProfile(clinic) {
    return {
      variables: { input: { notificationChannels: ['EMAIL'] } },
      secrets: patientSecrets(clinic),
      state: count(clinic, 'patient', 'select updated_at from patients where id = ?', [clinic.patient.id]),
    };
  },
  async SubmitFeedback(clinic) {
    const { appointmentId } = await clinic.completed();
    return {
      variables: { appointmentId, rating: 4, comment: 'matrix' },
      state: count(clinic, 'feedback', 'select count(*) n from feedback where appointment_id = ?', [appointmentId]),
    };
  },
  async MyInvoices(clinic) {
    const { invoiceId } = await clinic.completed();
    return { variables: {}, secrets: [invoiceId, ...patientSecrets(clinic)] };
  },
  async PayInvoice(clinic, caller) {
    const { invoiceId } = await clinic.completed();
    return {
      variables: {
        id: invoiceId,
        input: caller === 'admin' ? { method: 'CASH' } : { method: 'CARD', token: 'tok_visa' },
      },
      state: count(clinic, 'billing', 'select status from invoices where id = ?', [invoiceId]),
    };
  },
  async SetWeeklyAvailability(clinic) {
    return {
      variables: {
        doctorId: clinic.doctor.id,
        rules: [{ dayOfWeek: 'SUNDAY', startTime: '08:00', endTime: '09:00', slotMinutes: 30 }],
      },
      state: count(clinic, 'scheduling', 'select count(*) n from availability_rules where doctor_id = ?', [
        clinic.doctor.id,
      ]),
    };
  },
  async AddAvailability(clinic) {
    return {
      variables: {
        doctorId: clinic.doctor.id,
        date: clinic.freshDate(),
        startTime: '08:00',
        endTime: '09:00',
        slotMinutes: 30,
      },
      state: count(clinic, 'scheduling', 'select count(*) n from slots where doctor_id = ?', [clinic.doctor.id]),
    };
  },
  async AddTimeOff(clinic) {
    const date = clinic.freshDate();
    return {
      variables: { doctorId: clinic.doctor.id, from: `${date}T00:00:00Z`, to: `${date}T23:59:00Z`, reason: 'matrix' },
      secrets: patientSecrets(clinic),
      state: count(clinic, 'scheduling', 'select count(*) n from time_offs where doctor_id = ?', [clinic.doctor.id]),
    };
  },
  async DoctorTimeOff(clinic) {
    return { variables: { doctorId: clinic.doctor.id } };
  },
  async RemoveTimeOff(clinic) {
    const date = clinic.freshDate();
    const added = await clinic.ok(
      AddTimeOffDocument,
      { doctorId: clinic.doctor.id, from: `${date}T00:00:00Z`, to: `${date}T23:59:00Z` },
      clinic.admin.token,
    );
    const id = added.addTimeOff.timeOff.id;
    return {
      variables: { id },
      state: count(clinic, 'scheduling', 'select count(*) n from time_offs where id = ?', [id]),
    };
  },
  async RemoveAvailability(clinic) {
    const date = clinic.freshDate();
    await clinic.ok(
      AddAvailabilityDocument,
      { doctorId: clinic.doctor.id, date, startTime: '08:00', endTime: '09:00', slotMinutes: 30 },
      clinic.admin.token,
    );
    const [{ id }] = await clinic.sql(
      'scheduling',
      'select id from one_off_availabilities where doctor_id = ? and date = ?',
      [clinic.doctor.id, date],
    );
    return {
      variables: { id },
      state: count(clinic, 'scheduling', 'select count(*) n from one_off_availabilities where id = ?', [id]),
    };
  },
  async CloseClinic(clinic) {
    const date = clinic.freshDate();
    return {
      variables: { from: date, to: date, doctorIds: [clinic.doctor.id], reason: 'matrix' },
      state: count(clinic, 'scheduling', 'select count(*) n from time_offs where doctor_id = ?', [clinic.doctor.id]),
    };
  },
  async DoctorContact(clinic) {
    const [{ license }] = await clinic.sql('doctor', 'select license_number license from doctors where id = ?', [
      clinic.doctor.id,
    ]);
    return { variables: { doctorId: clinic.doctor.id }, secrets: [String(license)] };
  },
  async UpdateMyDoctorProfile(clinic) {
    return {
      variables: { input: { bio: 'Matrix bio' } },
      state: count(clinic, 'doctor', 'select bio, updated_at from doctors where id = ?', [clinic.doctor.id]),
    };
  },
  async DoctorWeeklyHours(clinic) {
    return { variables: { doctorId: clinic.doctor.id }, secrets: patientSecrets(clinic) };
  },
  async DoctorSchedule(clinic) {
    return {
      variables: { doctorId: clinic.doctor.id, from: instant(-1), to: instant(90) },
      secrets: patientSecrets(clinic),
    };
  },
  async CompleteAppointment(clinic) {
    const id = await clinic.started();
    return { variables: { id, notes: 'matrix' }, secrets: patientSecrets(clinic), state: () => clinic.statusOf(id) };
  },
  async MarkNoShow(clinic) {
    const id = await clinic.started();
    return { variables: { id }, secrets: patientSecrets(clinic), state: () => clinic.statusOf(id) };
  },
  async PatientChart(clinic) {
    return { variables: { id: clinic.patient.id }, secrets: patientSecrets(clinic) };
  },
  async AddMedicalRecord(clinic) {
    return {
      variables: { input: { patientId: clinic.patient.id, diagnosis: 'matrix diagnosis' } },
      secrets: patientSecrets(clinic),
      state: count(clinic, 'patient', 'select count(*) n from medical_records where patient_id = ?', [
        clinic.patient.id,
      ]),
    };
  },
  async UpdateMedicalRecord(clinic) {
    const id = await clinic.record();
    return {
      variables: { id, input: { diagnosis: 'matrix diagnosis, revised' } },
      secrets: patientSecrets(clinic),
      state: count(clinic, 'patient', 'select diagnosis_sealed, updated_at from medical_records where id = ?', [id]),
    };
  },
  async ScheduleSummary(clinic) {
    return { variables: { from: day(0), to: day(120), groupBy: 'MONTH', doctorId: clinic.doctor.id } };
  },
  async Appointments(clinic) {
    return { variables: { filter: { doctorId: clinic.doctor.id }, first: 50 }, secrets: patientSecrets(clinic) };
  },
  async CreateDoctor(clinic) {
    const email = `dr-${randomUUID().slice(0, 8)}@matrix.e2e.test`;
    return {
      variables: {
        input: {
          email,
          password: 'matrix-password-1',
          name: 'Dr New',
          specialty: 'Dermatology',
          licenseNumber: `MX-${randomUUID().slice(0, 8)}`,
          serviceIds: [clinic.serviceId],
        },
      },
      state: count(clinic, 'auth', 'select count(*) n from users where email = ?', [email]),
    };
  },
  async CreateMedicalService(clinic) {
    const name = `Matrix service ${randomUUID().slice(0, 8)}`;
    return {
      variables: { input: { name, category: 'LAB_TEST', durationMinutes: 15, price: '10.00', currency: 'EUR' } },
      state: count(clinic, 'doctor', 'select count(*) n from medical_services where name = ?', [name]),
    };
  },
  async SetBookingPolicy(clinic) {
    const name = `Matrix rules ${randomUUID().slice(0, 8)}`;
    const serviceId = (
      await clinic.ok(
        CreateMedicalServiceDocument,
        { input: { name, category: 'LAB_TEST', durationMinutes: 15, price: '10.00', currency: 'EUR' } },
        clinic.admin.token,
      )
    ).createMedicalService.id;
    return {
      variables: { serviceId, policy: { minNoticeMinutes: 60, cancellationWindowMinutes: 720 } },
      state: count(
        clinic,
        'doctor',
        'select min_notice_minutes, horizon_minutes, cancellation_window_minutes from medical_services where id = ?',
        [serviceId],
      ),
    };
  },
  async UpdateMedicalService(clinic) {
    const serviceId = await newService(clinic);
    return {
      variables: { id: serviceId, input: { price: '12.00', description: 'matrix' } },
      state: count(clinic, 'doctor', 'select price, description from medical_services where id = ?', [serviceId]),
    };
  },
  async RetireMedicalService(clinic) {
    const serviceId = await newService(clinic);
    return {
      variables: { id: serviceId },
      state: count(clinic, 'doctor', 'select active from medical_services where id = ?', [serviceId]),
    };
  },
  async CreateLocation(clinic) {
    const name = `Matrix location ${randomUUID().slice(0, 8)}`;
    return {
      variables: { input: { name, address: '1 Matrix Street, Springfield', timeZone: 'America/New_York' } },
      state: count(clinic, 'doctor', 'select count(*) n from locations where name = ?', [name]),
    };
  },
  async UpdateLocation(clinic) {
    const input = {
      name: `Matrix location ${randomUUID().slice(0, 8)}`,
      address: '2 Matrix Street, Springfield',
      timeZone: 'Europe/Berlin',
    };
    const id = (await clinic.ok(CreateLocationDocument, { input }, clinic.admin.token)).createLocation.id;
    return {
      variables: { id, input: { address: '3 Matrix Street, Springfield' } },
      state: count(clinic, 'doctor', 'select name, address from locations where id = ?', [id]),
    };
  },
  async UpdateDoctor(clinic) {
    const target = await clinic.newDoctor('Dr Target');
    return {
      variables: { id: target.id, input: { location: 'Matrix room', active: false } },
      state: count(clinic, 'doctor', 'select location, active from doctors where id = ?', [target.id]),
    };
  },
  async UpcomingAppointments(clinic) {
    await clinic.book();
    return { variables: { doctorId: clinic.doctor.id }, secrets: patientSecrets(clinic) };
  },
  async DeactivateUser(clinic) {
    const target = await clinic.newPatient();
    return {
      variables: { userId: target.id, reason: 'matrix' },
      state: count(clinic, 'auth', 'select active from users where id = ?', [target.id]),
    };
  },
  async SetUserRole(clinic) {
    const target = await clinic.newPatient();
    return {
      variables: { userId: target.id, role: 'ADMIN' },
      state: count(clinic, 'auth', 'select role from users where id = ?', [target.id]),
    };
  },
  async FindPatients(clinic) {
    return { variables: { search: clinic.secrets.patientName }, secrets: patientSecrets(clinic) };
  },
  async Users(clinic) {
    return { variables: { search: clinic.patient.email, first: 10 }, secrets: patientSecrets(clinic) };
  },
  async AdminActionLog() {
    return { variables: { first: 10 } };
  },
  async SystemHealth() {
    return { variables: {} };
  },
};
