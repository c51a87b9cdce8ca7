/**
 * Where revocations live in Redis, shared by auth (which writes them) and
 * every process that verifies tokens (which reads them). A revocation says
 * "the access tokens of user X issued before `before` are void"; it is kept
 * `until` every such token has expired, then forgotten.
 */
export interface Revocation {
  /** Tokens issued before this moment (ms since the epoch) are void. */
  before: number;
  /** When the entry may be forgotten (ms): past the lifetime of any token it voids. */
  until: number;
}

/** The hash of current revocations: field = user id, value = "<before>,<until>". */
export function revocationKey(prefix: string): string {
  return `${prefix}:token-revocations`;
}

/** Where each new revocation is published, as "<userId>,<before>,<until>". */
export function revocationChannel(prefix: string): string {
  return `${prefix}:token-revocations`;
}

/** Reads a hash value ("<before>,<until>"); undefined when malformed. */
export function parseRevocation(value: string): Revocation | undefined {
  const match = /^(\d+),(\d+)$/.exec(value);
  return match ? { before: Number(match[1]), until: Number(match[2]) } : undefined;
}

/** Reads a published message ("<userId>,<before>,<until>"); undefined when malformed. */
export function parseRevocationMessage(message: string): { userId: string; revocation: Revocation } | undefined {
  const comma = message.indexOf(',');
  if (comma <= 0) return undefined;
  const revocation = parseRevocation(message.slice(comma + 1));
  return revocation ? { userId: message.slice(0, comma), revocation } : undefined;
}
