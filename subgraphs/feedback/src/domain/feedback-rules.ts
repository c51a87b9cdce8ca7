import {
  AppointmentRecord,
  AppointmentStatus,
  BadUserInput,
  Conflict,
  Forbidden,
  Role,
  SignedInUser,
} from '@carebook/platform';

export const MAX_COMMENT_LENGTH = 2000;

/** The rating as given and the comment trimmed (empty: none); BAD_USER_INPUT otherwise. */
export function validFeedback(
  rating: number,
  comment: string | null | undefined,
): { rating: number; comment: string | null } {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw new BadUserInput(`rating must be a whole number from 1 to 5; got ${rating}.`, 'rating');
  const trimmed = comment?.trim() || null;
  if (trimmed && trimmed.length > MAX_COMMENT_LENGTH) {
    throw new BadUserInput(
      `comment must be at most ${MAX_COMMENT_LENGTH} characters; it has ${trimmed.length}.`,
      'comment',
    );
  }
  return { rating, comment: trimmed };
}

/** What the rules read of an appointment (the appointment contract's lookup answers it). */
export type AppointmentFactsWithStatus = Pick<AppointmentRecord, 'appointmentId' | 'patientId' | 'doctorId' | 'status'>;

/** Only the patient of the appointment, and only once it is COMPLETED. */
export function assertMayGiveFeedback(user: SignedInUser, appointment: AppointmentFactsWithStatus): void {
  if (user.role !== Role.PATIENT || user.id !== appointment.patientId)
    throw new Forbidden('Only the patient of this appointment can give feedback on it.');
  if (appointment.status !== AppointmentStatus.COMPLETED) {
    throw new Conflict(`Feedback can be given once the appointment is completed; this one is ${appointment.status}.`, {
      appointmentStatus: appointment.status,
    });
  }
}

/** Average of the ratings to two decimals, or null without reviews. */
export function averageRating(total: number, count: number): number | null {
  return count === 0 ? null : Math.round((total / count) * 100) / 100;
}
