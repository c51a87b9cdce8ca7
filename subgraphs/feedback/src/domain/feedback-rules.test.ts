import { AppointmentStatus, Role } from '@carebook/platform';
import { assertMayGiveFeedback, averageRating, validFeedback } from './feedback-rules';

const code = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
};

describe('feedback rules', () => {
  it('takes ratings 1..5 and comments up to 2,000 characters, trimmed', () => {
    expect(validFeedback(1, '  fine ')).toEqual({ rating: 1, comment: 'fine' });
    expect(validFeedback(5, '   ')).toEqual({ rating: 5, comment: null });
    expect(validFeedback(3, 'x'.repeat(2000)).comment).toHaveLength(2000);
    for (const rating of [0, 6, 2.5]) expect(code(() => validFeedback(rating, null))).toBe('BAD_USER_INPUT');
    expect(code(() => validFeedback(3, 'x'.repeat(2001)))).toBe('BAD_USER_INPUT');
  });

  it('lets only the patient of a completed appointment give feedback', () => {
    const appointment = { appointmentId: 'a', patientId: 'p', doctorId: 'd', status: AppointmentStatus.COMPLETED };
    expect(code(() => assertMayGiveFeedback({ id: 'p', role: Role.PATIENT }, appointment))).toBeNull();
    expect(code(() => assertMayGiveFeedback({ id: 'q', role: Role.PATIENT }, appointment))).toBe('FORBIDDEN');
    expect(code(() => assertMayGiveFeedback({ id: 'd', role: Role.DOCTOR }, appointment))).toBe('FORBIDDEN');
    expect(
      code(() =>
        assertMayGiveFeedback({ id: 'p', role: Role.PATIENT }, { ...appointment, status: AppointmentStatus.CONFIRMED }),
      ),
    ).toBe('CONFLICT');
  });

  it('averages to two decimals, null without reviews', () => {
    expect(averageRating(13, 3)).toBe(4.33);
    expect(averageRating(0, 0)).toBeNull();
  });
});
