import { decodeJwt } from 'jose';

/** When a token expires (its `exp`, in ms since the epoch), read without verifying; undefined without one. */
export function tokenExpiryMs(token: string): number | undefined {
  const exp = decodeJwt(token).exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}
