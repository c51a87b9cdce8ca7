/**
 * Input rules several services apply to the same kind of value, kept in one
 * place so a phone number valid at registration stays valid everywhere.
 */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{5,19}$/;
export const PHONE_MESSAGE = 'phone must be a phone number like +49 30 1234567';

/** Passwords: long enough to resist guessing; auth enforces it and admin checks it before creating anything. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
export const PASSWORD_MESSAGE = `password must be at least ${MIN_PASSWORD_LENGTH} characters (and at most ${MAX_PASSWORD_LENGTH})`;
