import { ConfigError } from '../config/load-config';
import { parseEnv } from '../config/load-config';
import { AppError } from '../errors/app-errors';
import {
  assertNotStarted,
  assertWithinBookingWindow,
  BOOKING_POLICY_ENV,
  clinicBookingPolicy,
  isLateChange,
  policyProblem,
} from './index';

const policy = { minNoticeMinutes: 120, horizonMinutes: 90 * 1440, cancellationWindowMinutes: 24 * 60 };
const now = new Date('2030-03-01T10:00:00Z');
const at = (iso: string) => new Date(iso);

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('booking policy', () => {
  it('lets a patient book from the minimum notice up to the horizon, both included', () => {
    expect(() => assertWithinBookingWindow(at('2030-03-01T12:00:00Z'), policy, now)).not.toThrow();
    expect(() => assertWithinBookingWindow(at('2030-05-30T10:00:00Z'), policy, now)).not.toThrow();
  });

  it('refuses a start inside the minimum notice, naming the rule and the earliest allowed start', () => {
    const error = refusal(() => assertWithinBookingWindow(at('2030-03-01T11:59:00Z'), policy, now));
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'slotId',
      rule: 'MIN_NOTICE',
      earliestAllowed: '2030-03-01T12:00:00.000Z',
    });
    expect(error.message).toContain('2h notice');
    expect(error.message).toContain('2030-03-01T12:00:00.000Z');
  });

  it('refuses a start beyond the horizon, naming the rule and the latest allowed start', () => {
    const error = refusal(() => assertWithinBookingWindow(at('2030-05-30T10:01:00Z'), policy, now, 'newSlotId'));
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newSlotId',
      rule: 'HORIZON',
      latestAllowed: '2030-05-30T10:00:00.000Z',
    });
    expect(error.message).toContain('90d ahead');
  });

  it('counts a change as late inside the cancellation window only', () => {
    expect(isLateChange(at('2030-03-02T09:59:00Z'), policy, now)).toBe(true);
    expect(isLateChange(at('2030-03-02T10:00:00Z'), policy, now)).toBe(false);
    expect(isLateChange(at('2030-03-01T10:30:00Z'), { ...policy, cancellationWindowMinutes: 0 }, now)).toBe(false);
  });

  it("refuses a patient's change of a visit that has started, naming its start", () => {
    expect(() => assertNotStarted(at('2030-03-01T10:01:00Z'), now, 'cancel')).not.toThrow();
    const error = refusal(() => assertNotStarted(at('2030-03-01T10:00:00Z'), now, 'move'));
    expect(error.extensions).toMatchObject({ rule: 'VISIT_STARTED', latestAllowed: '2030-03-01T10:00:00.000Z' });
  });

  it('wants a horizon beyond the notice', () => {
    expect(policyProblem(policy)).toBeNull();
    expect(policyProblem({ ...policy, horizonMinutes: 120 })).toMatch(/must be longer than the minimum notice/);
  });
});

describe('the clinic defaults from the environment', () => {
  const read = (env: NodeJS.ProcessEnv) => clinicBookingPolicy(parseEnv(BOOKING_POLICY_ENV, env));

  it('defaults to 2h notice, 90 days ahead and a 24h window', () => {
    expect(read({})).toEqual({ minNoticeMinutes: 120, horizonMinutes: 129_600, cancellationWindowMinutes: 1440 });
  });

  it('reads durations like REMINDER_OFFSETS, with 0 for no notice or no window', () => {
    expect(read({ BOOKING_MIN_NOTICE: '0', BOOKING_HORIZON: '1d12h', CANCELLATION_WINDOW: '30m' })).toEqual({
      minNoticeMinutes: 0,
      horizonMinutes: 2160,
      cancellationWindowMinutes: 30,
    });
  });

  it('names the variable of a bad value', () => {
    expect(() => read({ BOOKING_MIN_NOTICE: 'soon' })).toThrow(/BOOKING_MIN_NOTICE: must be whole minutes/);
    expect(() => read({ BOOKING_HORIZON: '0' })).toThrow(/BOOKING_HORIZON: must be whole minutes/);
    expect(() => read({ CANCELLATION_WINDOW: '90s' })).toThrow(/CANCELLATION_WINDOW: must be whole minutes/);
    expect(() => read({ BOOKING_HORIZON: '1000d' })).toThrow(/BOOKING_HORIZON: must be 60 minutes to 730 days/);
    expect(() => read({ BOOKING_MIN_NOTICE: '3h', BOOKING_HORIZON: '2h' })).toThrow(ConfigError);
  });
});
