/**
 * Who may do what: every operation of the client contract against every kind
 * of caller. The role-matrix e2e suite runs each cell through the gateway and
 * fails on any difference; docs/security/access-matrix.md is rendered from
 * this table (access-matrix-doc.test.ts checks it is current).
 *
 * The target of each operation belongs to "the patient" and "the doctor" (an
 * appointment of the patient with the doctor, the patient's chart and
 * invoice, the doctor's schedule). "Another patient" and "another doctor"
 * have their own accounts and no part in it; "front desk" is a STAFF user.
 */
export const CALLERS = ['anonymous', 'patient', 'otherPatient', 'doctor', 'otherDoctor', 'admin', 'staff'] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * ALLOW: answered, without errors.
 * DENY: refused (UNAUTHENTICATED, FORBIDDEN or NOT_FOUND), no data, and nothing changed.
 * OWN: answered, about the caller's own things only: nothing of the target's shows.
 */
export type Access = 'ALLOW' | 'DENY' | 'OWN';

export const CALLER_LABELS: Record<Caller, string> = {
  anonymous: 'anonymous',
  patient: 'the patient',
  otherPatient: 'another patient',
  doctor: 'the doctor',
  otherDoctor: 'another doctor',
  admin: 'admin',
  staff: 'front desk',
};

const row = (
  anonymous: Access,
  patient: Access,
  otherPatient: Access,
  doctor: Access,
  otherDoctor: Access,
  admin: Access,
  staff: Access,
): Record<Caller, Access> => ({
  anonymous,
  patient,
  otherPatient,
  doctor,
  otherDoctor,
  admin,
  staff,
});
const EVERYONE = row('ALLOW', 'ALLOW', 'ALLOW', 'ALLOW', 'ALLOW', 'ALLOW', 'ALLOW');
const SIGNED_IN = row('DENY', 'ALLOW', 'ALLOW', 'ALLOW', 'ALLOW', 'ALLOW', 'ALLOW');
const ADMIN_ONLY = row('DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'ALLOW', 'DENY');
const PATIENT_SELF = row('DENY', 'ALLOW', 'OWN', 'DENY', 'DENY', 'DENY', 'DENY');
/** The patient's appointment: its patient, its doctor, the front desk or an admin. */
const APPOINTMENT_PARTIES = row('DENY', 'ALLOW', 'DENY', 'ALLOW', 'DENY', 'ALLOW', 'ALLOW');
/** Closing a visit: its doctor or an admin. */
const VISIT_CLOSERS = row('DENY', 'DENY', 'DENY', 'ALLOW', 'DENY', 'ALLOW', 'DENY');
/** The doctor's hours: that doctor or an admin (the front desk books, it does not set hours). */
const SCHEDULE_OWNERS = row('DENY', 'DENY', 'DENY', 'ALLOW', 'DENY', 'ALLOW', 'DENY');
/** The doctor's schedule and appointments: that doctor, the front desk or an admin. */
const SCHEDULE_READERS = row('DENY', 'DENY', 'DENY', 'ALLOW', 'DENY', 'ALLOW', 'ALLOW');

export interface AccessRule {
  who: Record<Caller, Access>;
  /** What the operation does to whom, in the words of the rendered table. */
  target: string;
}

export const ACCESS_TABLE: Record<string, AccessRule> = {
  RegisterPatient: { who: EVERYONE, target: 'a new patient account' },
  Login: { who: EVERYONE, target: "the caller's own credentials" },
  RefreshSession: { who: EVERYONE, target: "the caller's own refresh token" },
  Me: { who: SIGNED_IN, target: 'the caller' },
  ChangePassword: { who: SIGNED_IN, target: "the caller's own password" },
  RequestPasswordReset: { who: EVERYONE, target: 'any email (the answer is the same)' },
  ResetPassword: { who: EVERYONE, target: 'the account of an emailed reset token' },
  Logout: { who: EVERYONE, target: "the caller's own refresh token" },
  LogoutEverywhere: { who: SIGNED_IN, target: "the caller's own sessions" },
  MedicalServices: { who: EVERYONE, target: 'the catalogue' },
  Doctors: { who: EVERYONE, target: 'the directory' },
  Locations: { who: EVERYONE, target: "the clinic's locations" },
  AvailabilityCalendar: { who: EVERYONE, target: 'free days' },
  AvailableSlots: { who: EVERYONE, target: "the doctor's free slots" },
  BookAppointment: {
    who: row('DENY', 'ALLOW', 'DENY', 'DENY', 'DENY', 'ALLOW', 'ALLOW'),
    target: 'a booking for the patient (patientId given)',
  },
  RescheduleAppointment: { who: APPOINTMENT_PARTIES, target: "the patient's appointment" },
  MoveAppointment: { who: APPOINTMENT_PARTIES, target: "the patient's appointment (time, doctor, service)" },
  CancelAppointment: { who: APPOINTMENT_PARTIES, target: "the patient's appointment" },
  MyAppointments: {
    who: row('DENY', 'ALLOW', 'OWN', 'ALLOW', 'OWN', 'OWN', 'OWN'),
    target: "the caller's appointments",
  },
  MyProfile: { who: PATIENT_SELF, target: "the caller's profile" },
  MyProfileSettings: { who: PATIENT_SELF, target: "the caller's profile and notice channels" },
  UpdateMyProfile: { who: PATIENT_SELF, target: "the caller's profile" },
  SubmitFeedback: {
    who: row('DENY', 'ALLOW', 'DENY', 'DENY', 'DENY', 'DENY', 'DENY'),
    target: "the patient's completed visit",
  },
  MyInvoices: { who: row('DENY', 'ALLOW', 'OWN', 'OWN', 'OWN', 'OWN', 'OWN'), target: "the caller's invoices" },
  PayInvoice: {
    who: row('DENY', 'ALLOW', 'DENY', 'DENY', 'DENY', 'ALLOW', 'DENY'),
    target: "the patient's invoice (admins record cash)",
  },
  SetWeeklyAvailability: { who: SCHEDULE_OWNERS, target: "the doctor's weekly hours" },
  AddAvailability: { who: SCHEDULE_OWNERS, target: "the doctor's hours on a day" },
  AddTimeOff: { who: SCHEDULE_OWNERS, target: "the doctor's time off" },
  DoctorTimeOff: { who: SCHEDULE_READERS, target: "the doctor's time off and one-off days" },
  RemoveTimeOff: { who: SCHEDULE_OWNERS, target: "the doctor's time off" },
  RemoveAvailability: { who: SCHEDULE_OWNERS, target: "the doctor's hours on a day" },
  CloseClinic: { who: ADMIN_ONLY, target: "the clinic's opening days (the doctor's among them)" },
  DoctorContact: {
    who: row('DENY', 'DENY', 'DENY', 'ALLOW', 'DENY', 'ALLOW', 'DENY'),
    target: "the doctor's licence number and phone",
  },
  UpdateMyDoctorProfile: {
    who: row('DENY', 'DENY', 'DENY', 'ALLOW', 'OWN', 'DENY', 'DENY'),
    target: "the caller's own doctor profile (bio, location, phone)",
  },
  DoctorWeeklyHours: { who: EVERYONE, target: "a doctor's weekly hours (no patient in them)" },
  DoctorSchedule: { who: SCHEDULE_READERS, target: "the doctor's schedule with patients' names" },
  CompleteAppointment: { who: VISIT_CLOSERS, target: "the patient's visit with the doctor" },
  MarkNoShow: { who: VISIT_CLOSERS, target: "the patient's visit with the doctor" },
  PatientChart: { who: row('DENY', 'ALLOW', 'DENY', 'ALLOW', 'DENY', 'ALLOW', 'DENY'), target: "the patient's chart" },
  AddMedicalRecord: {
    who: row('DENY', 'DENY', 'DENY', 'ALLOW', 'DENY', 'DENY', 'DENY'),
    target: "the patient's chart",
  },
  UpdateMedicalRecord: {
    who: row('DENY', 'DENY', 'DENY', 'ALLOW', 'DENY', 'DENY', 'DENY'),
    target: "the doctor's record in the patient's chart",
  },
  ScheduleSummary: { who: SCHEDULE_READERS, target: "the doctor's figures" },
  Appointments: { who: SCHEDULE_READERS, target: "the doctor's appointments" },
  ScheduleChanged: { who: SCHEDULE_READERS, target: "the doctor's live schedule" },
  CreateLocation: { who: ADMIN_ONLY, target: 'a new clinic location' },
  UpdateLocation: { who: ADMIN_ONLY, target: 'a clinic location' },
  CreateDoctor: { who: ADMIN_ONLY, target: 'a new doctor' },
  CreateMedicalService: { who: ADMIN_ONLY, target: 'the catalogue' },
  SetBookingPolicy: { who: ADMIN_ONLY, target: "a service's booking rules" },
  UpdateMedicalService: { who: ADMIN_ONLY, target: 'a service of the catalogue' },
  RetireMedicalService: { who: ADMIN_ONLY, target: 'a service of the catalogue' },
  UpdateDoctor: { who: ADMIN_ONLY, target: "a doctor's profile, services and availability" },
  UpcomingAppointments: { who: SCHEDULE_READERS, target: "the doctor's upcoming appointments with patients' names" },
  DeactivateUser: { who: ADMIN_ONLY, target: 'a user' },
  SetUserRole: { who: ADMIN_ONLY, target: 'a user' },
  Users: { who: ADMIN_ONLY, target: 'every user' },
  FindPatients: {
    who: row('DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'ALLOW', 'ALLOW'),
    target: "the patient's contact details, found by name, email or phone",
  },
  AdminActionLog: { who: ADMIN_ONLY, target: 'the audit log' },
  SystemHealth: { who: ADMIN_ONLY, target: 'services and queues' },
};

/** The table as Markdown, for docs/security/access-matrix.md. */
export function renderAccessMatrix(): string {
  const header = `| operation | on | ${CALLERS.map((c) => CALLER_LABELS[c]).join(' | ')} |`;
  const rule = `| --- | --- | ${CALLERS.map(() => ':---:').join(' | ')} |`;
  const mark: Record<Access, string> = { ALLOW: 'yes', DENY: '**no**', OWN: 'own only' };
  const rows = Object.entries(ACCESS_TABLE).map(
    ([name, { who, target }]) => `| ${name} | ${target} | ${CALLERS.map((c) => mark[who[c]]).join(' | ')} |`,
  );
  return [
    '# Who may do what',
    '',
    '<!-- Rendered from test/e2e/access/access-table.ts; the role-matrix e2e suite fails when this file is stale.',
    '     Regenerate: UPDATE_ACCESS_MATRIX=1 npx jest test/e2e/access -->',
    '',
    'Every operation of the client contract (`clients/operations/contract.graphql`), run through the gateway by',
    '`test/e2e/role-matrix.e2e.test.ts` as each kind of caller. The target belongs to "the patient" and "the doctor"',
    '(an appointment of the patient with the doctor, her chart, her invoice, his schedule); "another patient" and',
    '"another doctor" are signed in with accounts of their own; "front desk" is a receptionist (role STAFF).',
    '',
    '- **yes**: answered. **no**: refused with UNAUTHENTICATED, FORBIDDEN or NOT_FOUND, no data returned, nothing',
    "  changed. **own only**: answered about the caller's own things; nothing of the target's shows.",
    "- A refused case also fails the suite if any of the target's personal data (names, emails, medical history,",
    '  record text) appears anywhere in the response.',
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}
