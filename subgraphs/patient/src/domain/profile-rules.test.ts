import { Gender } from '@carebook/platform';
import { stringMatching } from '@carebook/platform/testing';
import { NotificationChannel } from '../entities/notification-channel.enum';
import {
  applyProfileChanges,
  EMPTY_PROFILE,
  MEDICAL_HISTORY_MAX_LENGTH,
  ProfileChanges,
  ProfileValues,
} from './profile-rules';

const TODAY = new Date('2026-06-15T12:00:00Z');
const current: ProfileValues = { ...EMPTY_PROFILE, name: 'Ann Lee', phone: '+49 30 1234567' };
const apply = (changes: ProfileChanges, from: ProfileValues = current) => applyProfileChanges(from, changes, TODAY);

/** What the rules throw: a platform error, its code and field in its extensions. */
type RulesError = { extensions: { code?: unknown; field?: unknown }; message: string };

function refusal(changes: ProfileChanges, from: ProfileValues = current) {
  try {
    apply(changes, from);
  } catch (error) {
    const { extensions, message } = error as RulesError;
    return { code: extensions.code, field: extensions.field, message };
  }
  throw new Error('expected the change to be refused');
}

describe('profile rules', () => {
  it('keeps absent fields, removes null ones and trims the name', () => {
    const next = apply({
      name: '  Ann Smith ',
      dateOfBirth: '1990-02-28',
      gender: Gender.FEMALE,
      medicalHistory: 'Asthma',
    });
    expect(next).toEqual({
      ...current,
      name: 'Ann Smith',
      dateOfBirth: '1990-02-28',
      gender: Gender.FEMALE,
      medicalHistory: 'Asthma',
    });
    expect(apply({ phone: null, medicalHistory: null })).toMatchObject({
      phone: null,
      medicalHistory: null,
      name: 'Ann Lee',
    });
  });

  it.each([
    [{ name: '   ' }, 'name'],
    [{ name: null }, 'name'],
    [{ name: 'x'.repeat(121) }, 'name'],
    [{ phone: 'call me' }, 'phone'],
    [{ phone: '12345' }, 'phone'],
    [{ dateOfBirth: '2026-06-16' }, 'dateOfBirth'],
    [{ dateOfBirth: '1899-12-31' }, 'dateOfBirth'],
    [{ dateOfBirth: '1990-02-30' }, 'dateOfBirth'],
    [{ gender: 'UNKNOWN' as Gender }, 'gender'],
    [{ medicalHistory: 'x'.repeat(MEDICAL_HISTORY_MAX_LENGTH + 1) }, 'medicalHistory'],
    [{ notificationChannels: [] }, 'notificationChannels'],
    [{ notificationChannels: null }, 'notificationChannels'],
  ])('refuses %j with BAD_USER_INPUT on %s', (changes, field) => {
    expect(refusal(changes as ProfileChanges)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('accepts the boundaries: born today, born 1900-01-01, a 120-character name', () => {
    expect(apply({ dateOfBirth: '2026-06-15' }).dateOfBirth).toBe('2026-06-15');
    expect(apply({ dateOfBirth: '1900-01-01' }).dateOfBirth).toBe('1900-01-01');
    expect(apply({ name: 'x'.repeat(120) }).name).toHaveLength(120);
  });

  it('lets SMS be chosen only while the resulting profile has a phone number', () => {
    expect(apply({ notificationChannels: [NotificationChannel.SMS] }).notificationChannels).toEqual([
      NotificationChannel.SMS,
    ]);
    const noPhone = { ...current, phone: null };
    expect(
      refusal({ notificationChannels: [NotificationChannel.EMAIL, NotificationChannel.SMS] }, noPhone),
    ).toMatchObject({ field: 'notificationChannels' });
    expect(apply({ notificationChannels: [NotificationChannel.SMS], phone: '+1 555 0100' }, noPhone).phone).toBe(
      '+1 555 0100',
    );
    const smsOnly = { ...current, notificationChannels: [NotificationChannel.SMS] };
    expect(refusal({ phone: null }, smsOnly)).toMatchObject({
      field: 'phone',
      message: stringMatching(/SMS notifications need a phone number/),
    });
  });

  it('stores channels in one order without repeats, so the same choice never looks like a change', () => {
    expect(
      apply({ notificationChannels: [NotificationChannel.SMS, NotificationChannel.EMAIL, NotificationChannel.SMS] })
        .notificationChannels,
    ).toEqual([NotificationChannel.EMAIL, NotificationChannel.SMS]);
  });

  it('does not judge fields that are not being changed', () => {
    const legacy = { ...current, phone: 'not a phone' };
    expect(apply({ name: 'Ann' }, legacy).phone).toBe('not a phone');
  });
});
