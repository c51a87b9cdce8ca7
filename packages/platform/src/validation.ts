/**
 * Input rules several services apply to the same kind of value, kept in one
 * place so a phone number valid at registration stays valid everywhere.
 */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{5,19}$/;
export const PHONE_MESSAGE = 'phone must be a phone number like +49 30 1234567';
