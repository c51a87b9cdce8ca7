import type { Logger } from 'pino';
import { z } from 'zod';
import { ConfigError, parseEnv } from '../config/load-config';
import { DEVELOPMENT_DATA_KEY as DEVELOPMENT_KEY, DEVELOPMENT_DATA_KEY_ID } from '../config/production-settings';
import type { ServiceConfig } from '../config/service-config';
import { KeyRing, parseKeyRing } from './field-cipher';
import { createFieldSealer, FieldSealer } from './field-sealer';

/**
 * The key used when DATA_ENCRYPTION_KEYS is unset outside production. It is
 * public (in the platform's production settings, which refuse it in
 * production), so data sealed with it is not protected: it only lets a
 * developer start a service without generating a key.
 */
export const DEVELOPMENT_KEY_ID = DEVELOPMENT_DATA_KEY_ID;

export interface EncryptionKeys {
  ring: KeyRing;
  /** True when the built-in development key is in use; the service warns at start. */
  developmentKey: boolean;
}

const HOW_TO = 'comma-separated <keyId>:<base64 of 32 random bytes>, e.g. "2026-01:$(openssl rand -base64 32)"';

/**
 * The key ring for sealing fields, from DATA_ENCRYPTION_KEYS and
 * DATA_ENCRYPTION_KEY_ID (default: the last key listed, so rotating means
 * appending a new key). Required in production; a problem is a ConfigError
 * naming the variable, so the service refuses to start.
 */
export function resolveEncryptionKeys(
  keys: string | undefined,
  activeKeyId: string | undefined,
  nodeEnv: string,
): EncryptionKeys {
  const spec = keys?.trim();
  if (!spec) {
    if (nodeEnv === 'production')
      throw new ConfigError([`DATA_ENCRYPTION_KEYS: must be set in production, ${HOW_TO} (not set)`]);
    return { ring: parseKeyRing(`${DEVELOPMENT_KEY_ID}:${DEVELOPMENT_KEY}`), developmentKey: true };
  }
  let ring: KeyRing;
  try {
    ring = parseKeyRing(spec, activeKeyId?.trim() || undefined);
  } catch (error) {
    throw new ConfigError([`${(error as Error).message} (${HOW_TO})`]);
  }
  if (nodeEnv === 'production' && [...ring.keys.values()].some((key) => key.toString('base64') === DEVELOPMENT_KEY)) {
    throw new ConfigError([
      'DATA_ENCRYPTION_KEYS: holds the public development key; generate a key of your own for production',
    ]);
  }
  return { ring, developmentKey: false };
}

/**
 * The keys of a service that seals fields, read from the same environment as
 * the rest of its configuration. Every such service puts the result under
 * `encryption` in its config, so they all read the keys alike.
 */
export function loadEncryptionKeys(config: Pick<ServiceConfig, 'env' | 'nodeEnv'>): EncryptionKeys {
  const parsed = parseEnv(
    { DATA_ENCRYPTION_KEYS: z.string().optional(), DATA_ENCRYPTION_KEY_ID: z.string().optional() },
    config.env,
  );
  return resolveEncryptionKeys(parsed.DATA_ENCRYPTION_KEYS, parsed.DATA_ENCRYPTION_KEY_ID, config.nodeEnv);
}

/** The service's field sealer; says so at start when it seals with the public development key. */
export function fieldSealerFor(keys: EncryptionKeys, logger: Logger): FieldSealer {
  if (keys.developmentKey) {
    logger.warn(
      { keyId: DEVELOPMENT_KEY_ID },
      'DATA_ENCRYPTION_KEYS is not set: sensitive fields are sealed with the public development key. Set DATA_ENCRYPTION_KEYS before storing real data.',
    );
  }
  return createFieldSealer(keys.ring);
}
