import { BadUserInput, Gender, isCalendarDate, PHONE_PATTERN } from '@carebook/platform';
import { NotificationChannel } from '../entities/notification-channel.enum';

export const NAME_MAX_LENGTH = 120;
export const MEDICAL_HISTORY_MAX_LENGTH = 10_000;
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** One wording per rule, shared by the GraphQL input's validators and these checks. */
export const PROFILE_MESSAGES = {
  name: `name must be 1 to ${NAME_MAX_LENGTH} characters and not blank`,
  phone:
    'phone must be a phone number like +49 30 1234567 (a digit first, then 6 to 20 digits, spaces, brackets or dashes)',
  dateOfBirth: 'dateOfBirth must be a date written YYYY-MM-DD',
  dateOfBirthFuture: 'dateOfBirth cannot be in the future',
  dateOfBirthTooEarly: `dateOfBirth cannot be before ${EARLIEST_BIRTH_DATE}`,
  gender: `gender must be one of ${Object.values(Gender).join(', ')}`,
  medicalHistory: `medicalHistory must be at most ${MEDICAL_HISTORY_MAX_LENGTH} characters`,
  notificationChannels: 'notificationChannels must name at least one channel (EMAIL or SMS)',
  smsNeedsPhone: 'SMS notifications need a phone number: add a phone number, or choose EMAIL only',
};

export interface ProfileValues {
  name: string;
  phone: string | null;
  dateOfBirth: string | null;
  gender: Gender | null;
  medicalHistory: string | null;
  notificationChannels: NotificationChannel[];
}

/** A change to a profile: an absent (undefined) field stays as it is; null removes the value. */
export type ProfileChanges = { [K in keyof ProfileValues]?: ProfileValues[K] | null };

/** What a profile holds before the patient has said anything beyond their name. */
export const EMPTY_PROFILE: Omit<ProfileValues, 'name'> = {
  phone: null,
  dateOfBirth: null,
  gender: null,
  medicalHistory: null,
  notificationChannels: [NotificationChannel.EMAIL],
};

function checkName(name: string | null): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed.length < 1 || trimmed.length > NAME_MAX_LENGTH) throw new BadUserInput(PROFILE_MESSAGES.name, 'name');
  return trimmed;
}

function checkPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const trimmed = phone.trim();
  if (!PHONE_PATTERN.test(trimmed)) throw new BadUserInput(PROFILE_MESSAGES.phone, 'phone');
  return trimmed;
}

/** Compared as YYYY-MM-DD strings against today's UTC date, like the auth service does at registration. */
export function checkBirthDate(dateOfBirth: string | null, today: Date): string | null {
  if (dateOfBirth === null) return null;
  if (!isCalendarDate(dateOfBirth)) throw new BadUserInput(PROFILE_MESSAGES.dateOfBirth, 'dateOfBirth');
  if (dateOfBirth > today.toISOString().slice(0, 10))
    throw new BadUserInput(PROFILE_MESSAGES.dateOfBirthFuture, 'dateOfBirth');
  if (dateOfBirth < EARLIEST_BIRTH_DATE) throw new BadUserInput(PROFILE_MESSAGES.dateOfBirthTooEarly, 'dateOfBirth');
  return dateOfBirth;
}

function checkGender(gender: Gender | null): Gender | null {
  if (gender !== null && !Object.values(Gender).includes(gender))
    throw new BadUserInput(PROFILE_MESSAGES.gender, 'gender');
  return gender;
}

function checkMedicalHistory(history: string | null): string | null {
  if (history !== null && history.length > MEDICAL_HISTORY_MAX_LENGTH)
    throw new BadUserInput(PROFILE_MESSAGES.medicalHistory, 'medicalHistory');
  return history;
}

function checkChannels(channels: NotificationChannel[] | null): NotificationChannel[] {
  const known = Object.values(NotificationChannel);
  if (!channels?.length || channels.some((channel) => !known.includes(channel))) {
    throw new BadUserInput(PROFILE_MESSAGES.notificationChannels, 'notificationChannels');
  }
  // Stored in a fixed order without repeats, so equal choices compare equal and nothing is rewritten.
  return known.filter((channel) => channels.includes(channel));
}

/**
 * The profile that results from applying `changes` to `current`, or
 * BAD_USER_INPUT naming the first field that is wrong. Only the fields being
 * changed are checked on their own (a patient is not told off about a field
 * they did not send); the rules that tie fields together are checked on the
 * result.
 */
export function applyProfileChanges(
  current: ProfileValues,
  changes: ProfileChanges,
  today: Date = new Date(),
): ProfileValues {
  const next = { ...current };
  if (changes.name !== undefined) next.name = checkName(changes.name);
  if (changes.phone !== undefined) next.phone = checkPhone(changes.phone);
  if (changes.dateOfBirth !== undefined) next.dateOfBirth = checkBirthDate(changes.dateOfBirth, today);
  if (changes.gender !== undefined) next.gender = checkGender(changes.gender);
  if (changes.medicalHistory !== undefined) next.medicalHistory = checkMedicalHistory(changes.medicalHistory);
  if (changes.notificationChannels !== undefined)
    next.notificationChannels = checkChannels(changes.notificationChannels);
  if (next.notificationChannels.includes(NotificationChannel.SMS) && !next.phone) {
    throw new BadUserInput(PROFILE_MESSAGES.smsNeedsPhone, changes.phone === null ? 'phone' : 'notificationChannels');
  }
  return next;
}
