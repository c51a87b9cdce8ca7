import { Role } from '@carebook/platform';
import { assertMayChange, assertMayClose, bookingPatientId, mayRead } from './access';
import { scopedFilter } from '../use-cases/appointment-queries';
import { summaryDoctorId } from '../use-cases/schedule-summary';

const appointment = { patientId: 'patient-1', doctorId: 'doctor-1' };
const frontDesk = { id: 'staff-1', role: Role.STAFF };
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ALLOWED';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('what the front desk (STAFF) may do with appointments', () => {
  it('reads, moves and cancels any patient’s appointment, as admins do', () => {
    expect(mayRead(frontDesk, appointment)).toBe(true);
    expect(codeOf(() => assertMayChange(frontDesk, appointment, 'cancel'))).toBe('ALLOWED');
    expect(codeOf(() => assertMayChange({ id: 'patient-2', role: Role.PATIENT }, appointment, 'cancel'))).toBe(
      'FORBIDDEN',
    );
  });

  it('does not close visits: completing and no-shows stay with the doctor and admins', () => {
    expect(codeOf(() => assertMayClose(frontDesk, appointment, 'complete it'))).toBe('FORBIDDEN');
  });

  it('books for the patient it names, and must name one', () => {
    expect(bookingPatientId(frontDesk, 'patient-1')).toBe('patient-1');
    expect(codeOf(() => bookingPatientId(frontDesk, null))).toBe('BAD_USER_INPUT');
    expect(() => bookingPatientId(frontDesk, undefined)).toThrow(/needs patientId/);
    expect(codeOf(() => bookingPatientId({ id: 'doctor-1', role: Role.DOCTOR }, 'patient-1'))).toBe('FORBIDDEN');
    expect(codeOf(() => bookingPatientId({ id: 'patient-2', role: Role.PATIENT }, 'patient-1'))).toBe('FORBIDDEN');
  });

  it('lists and sums up every doctor’s appointments, or all of them', () => {
    expect(scopedFilter(frontDesk, { doctorId: 'doctor-2' })).toEqual({ doctorId: 'doctor-2' });
    expect(scopedFilter(frontDesk, {})).toEqual({});
    expect(summaryDoctorId(frontDesk, null)).toBeNull();
    expect(summaryDoctorId(frontDesk, 'doctor-2')).toBe('doctor-2');
  });
});
