import { AppError, Forbidden } from '@carebook/platform';

/** FORBIDDEN with reason RATE_LIMITED and when to try again, as every throttle of auth answers. */
export function rateLimited(message: string, retryAfterSeconds: number): Forbidden {
  return new Forbidden(message, { reason: 'RATE_LIMITED', retryAfterSeconds });
}

/** What a throttle answers when Redis cannot count: the attempt is refused rather than left uncounted. */
export function throttleUnavailable(what: string): AppError {
  return new AppError(
    'INTERNAL_SERVER_ERROR',
    `${what} is briefly unavailable (attempts cannot be counted right now); please try again in a minute.`,
  );
}
