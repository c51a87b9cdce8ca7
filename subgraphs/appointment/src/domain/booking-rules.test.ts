import { AppError, Role, type MedicalServiceFacts, type SlotFacts } from '@carebook/platform';
import { bookingPatientId, assertMayChange, assertMayClose } from './access';
import { checkActiveLimit, checkBookable, normaliseReason, overlaps } from './booking-rules';

const now = new Date('2026-12-01T08:00:00Z');
const place = {
  locationId: 'default',
  locationName: 'Main clinic',
  address: '1 Main Street',
  timeZone: 'Europe/Berlin',
};
const slot: SlotFacts = {
  id: 's1',
  doctorId: 'd1',
  startsAt: '2026-12-01T09:00:00Z',
  endsAt: '2026-12-01T09:30:00Z',
  status: 'FREE',
  appointmentId: null,
  place,
};
const doctor = { id: 'd1', name: 'Dr Who', specialty: 'GP', active: true, serviceIds: ['svc'] };
const service: MedicalServiceFacts = {
  id: 'svc',
  name: 'Checkup',
  category: 'GENERAL_CHECKUP',
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  price: '35.00',
  currency: 'EUR',
  active: true,
  bookingPolicy: { minNoticeMinutes: 120, horizonMinutes: 1440, cancellationWindowMinutes: 1440 },
};

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return (error as AppError).code;
  }
  return undefined;
}

describe('booking rules', () => {
  it('accepts a future slot of a doctor offering the service, even one shorter than the service (it runs over the next slots)', () => {
    expect(codeOf(() => checkBookable({ slot, doctor, service, now }))).toBeUndefined();
    expect(
      codeOf(() => checkBookable({ slot, doctor, service: { ...service, durationMinutes: 45 }, now })),
    ).toBeUndefined();
  });

  it.each([
    [
      'the doctor does not offer the service',
      { doctor: { ...doctor, serviceIds: ['other'] } },
      /does not offer "Checkup"/,
    ],
    ['the slot is in the past', { now: new Date('2026-12-01T09:00:00Z') }, /in the past/],
    ['the service is no longer offered', { service: { ...service, active: false } }, /no longer offered/],
    ['the doctor is inactive', { doctor: { ...doctor, active: false } }, /no longer takes appointments/],
  ])('refuses with BAD_USER_INPUT when %s', (_label, change, message) => {
    const facts = { slot, doctor, service, now, ...change };
    expect(() => checkBookable(facts)).toThrow(message);
    expect(codeOf(() => checkBookable(facts))).toBe('BAD_USER_INPUT');
  });

  it("holds a patient to the service's minimum notice and horizon, and staff to neither", () => {
    // The slot starts an hour from now: inside the 2-hour notice.
    expect(() => checkBookable({ slot, doctor, service, now, boundByPolicy: true })).toThrow(
      /2h notice \(the minimum notice rule\)/,
    );
    expect(codeOf(() => checkBookable({ slot, doctor, service, now, boundByPolicy: false }))).toBeUndefined();
    const soon = { ...service, bookingPolicy: { ...service.bookingPolicy, minNoticeMinutes: 30 } };
    expect(codeOf(() => checkBookable({ slot, doctor, service: soon, now, boundByPolicy: true }))).toBeUndefined();
    const tomorrow = { ...slot, startsAt: '2026-12-02T09:00:00Z', endsAt: '2026-12-02T09:30:00Z' };
    expect(() =>
      checkBookable({ slot: tomorrow, doctor, service: soon, now, boundByPolicy: true, field: 'newSlotId' }),
    ).toThrow(/latest start you can book now is 2026-12-02T08:00:00.000Z/);
  });

  it('treats intervals that only touch as not overlapping', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 11, 1, h));
    expect(overlaps({ startsAt: at(9), endsAt: at(10) }, { startsAt: at(10), endsAt: at(11) })).toBe(false);
    expect(overlaps({ startsAt: at(9), endsAt: at(11) }, { startsAt: at(10), endsAt: at(12) })).toBe(true);
  });

  it('lets a patient hold up to the limit of upcoming appointments, and an admin book beyond it', () => {
    expect(codeOf(() => checkActiveLimit(5, 6, false))).toBeUndefined();
    expect(codeOf(() => checkActiveLimit(6, 6, false))).toBe('LIMIT_REACHED');
    expect(() => checkActiveLimit(6, 6, false)).toThrow(/at most 6 upcoming appointments/);
    expect(codeOf(() => checkActiveLimit(9, 6, true))).toBeUndefined();
  });

  it('trims the reason, drops a blank one and refuses one over 500 characters', () => {
    expect(normaliseReason('  cough ')).toBe('cough');
    expect(normaliseReason('   ')).toBeNull();
    expect(codeOf(() => normaliseReason('x'.repeat(501)))).toBe('BAD_USER_INPUT');
  });
});

describe('who may do what', () => {
  const parties = { patientId: 'p1', doctorId: 'd1' };
  it('lets a patient book only for themselves and makes an admin name the patient', () => {
    expect(bookingPatientId({ id: 'p1', role: Role.PATIENT }, null)).toBe('p1');
    expect(codeOf(() => bookingPatientId({ id: 'p1', role: Role.PATIENT }, 'p2'))).toBe('FORBIDDEN');
    expect(bookingPatientId({ id: 'a1', role: Role.ADMIN }, 'p2')).toBe('p2');
    expect(codeOf(() => bookingPatientId({ id: 'a1', role: Role.ADMIN }, null))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => bookingPatientId({ id: 'd1', role: Role.DOCTOR }, 'p1'))).toBe('FORBIDDEN');
  });

  it('lets the patient, the doctor and admins change; only the doctor and admins close', () => {
    expect(codeOf(() => assertMayChange({ id: 'p1', role: Role.PATIENT }, parties, 'cancel'))).toBeUndefined();
    expect(codeOf(() => assertMayChange({ id: 'd1', role: Role.DOCTOR }, parties, 'cancel'))).toBeUndefined();
    expect(codeOf(() => assertMayChange({ id: 'p2', role: Role.PATIENT }, parties, 'cancel'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertMayChange({ id: 'd2', role: Role.DOCTOR }, parties, 'cancel'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertMayClose({ id: 'p1', role: Role.PATIENT }, parties, 'complete it'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertMayClose({ id: 'a1', role: Role.ADMIN }, parties, 'complete it'))).toBeUndefined();
  });
});
