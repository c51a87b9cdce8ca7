import { FieldSealer, Logger } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Patient } from '../entities';
import { phoneLookupOf } from '../domain/phone-lookup';
import { SEALED } from '../domain/sealed-columns';

const BATCH = 500;

/**
 * Brings every phone's blind index under the active key: fills it for phones
 * stored before the index existed, and re-computes it after a new key became
 * active, so a retired key can later leave DATA_ENCRYPTION_KEYS without
 * making those patients unfindable by phone. Runs at start, in batches. A
 * phone that does not open (its key is gone, or it was tampered with) keeps
 * its old lookup and is counted, never stops the service from starting.
 */
export async function refreshPhoneLookups(em: EntityManager, sealer: FieldSealer, logger: Logger): Promise<number> {
  let refreshed = 0;
  let unreadable = 0;
  let after = '';
  for (;;) {
    const fork = em.fork();
    const batch = await fork.find(
      Patient,
      {
        id: { $gt: after },
        phoneSealed: { $ne: null },
        $or: [{ phoneLookup: null }, { $not: { phoneLookup: { $like: `${sealer.activeKeyId}:%` } } }],
      },
      { orderBy: { id: 'asc' }, limit: BATCH },
    );
    if (!batch.length) break;
    for (const patient of batch) {
      try {
        patient.phoneLookup = phoneLookupOf(sealer, sealer.open(SEALED.phone, patient.id, patient.phoneSealed));
        refreshed += 1;
      } catch {
        unreadable += 1;
      }
    }
    await fork.flush();
    after = batch.at(-1)!.id;
  }
  if (refreshed) logger.info({ refreshed }, 'phone lookups brought under the active key');
  if (unreadable)
    logger.warn(
      { unreadable },
      'phones that do not open with the configured keys keep their old lookup (run the key rotation command to find them)',
    );
  return refreshed;
}
