import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ServiceKeys } from '../auth/service-keys';
import type { DomainEvent } from './domain-event';

/** An event as the outbox relay queues it: signed with the key of the service that recorded it. */
export type SignedEvent = DomainEvent & { signature?: string };

/**
 * Anyone who can write to Redis can push a job, so a consumer that grants
 * rights from an event (chart access, an invoice) used to confirm each one
 * with its source service over HTTP. The relay now signs what it publishes
 * with its service's key (Ed25519, the key its service tokens use); an event
 * whose signature holds needs no such call. Unsigned or badly signed jobs
 * (published before this, or forged) still take the call.
 */
export function signEvent(event: DomainEvent, privateKey: KeyObject): SignedEvent {
  return { ...event, signature: sign(null, signedBytes(event), privateKey).toString('base64') };
}

/** True when `event` was recorded by `source` and signed with that service's key. */
export function isSignedBy(event: SignedEvent, source: string, keys: Pick<ServiceKeys, 'publicKeyOf'>): boolean {
  if (event?.source !== source || typeof event.signature !== 'string') return false;
  const key = keys.publicKeyOf(source);
  if (!key) return false;
  try {
    return verify(null, signedBytes(event), key, Buffer.from(event.signature, 'base64'));
  } catch {
    return false; // a malformed event or signature is no signature
  }
}

/** What the signature covers: every field of the event in a fixed order, the payload's keys sorted (queues re-encode JSON). */
function signedBytes(event: DomainEvent): Buffer {
  const { id, type, version, occurredAt, source, aggregateType, aggregateId, payload } = event;
  return Buffer.from(
    JSON.stringify([id, type, version, occurredAt, source, aggregateType, aggregateId, sortedKeys(payload)]),
  );
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
