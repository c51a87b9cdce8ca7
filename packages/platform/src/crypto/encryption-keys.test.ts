import { ConfigError } from '../config/load-config';
import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_KEY_ID, loadEncryptionKeys, resolveEncryptionKeys } from './encryption-keys';

const key = () => randomBytes(32).toString('base64');

function configProblem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a configuration error');
}

describe('encryption keys from the environment', () => {
  it('uses the last key listed unless DATA_ENCRYPTION_KEY_ID names another', () => {
    expect(resolveEncryptionKeys(`a:${key()},b:${key()}`, undefined, 'production')).toMatchObject({
      developmentKey: false,
      ring: { activeKeyId: 'b' },
    });
    expect(resolveEncryptionKeys(`a:${key()},b:${key()}`, 'a', 'production').ring.activeKeyId).toBe('a');
  });

  it('falls back to the named development key outside production', () => {
    for (const unset of [undefined, '', '  ']) {
      expect(resolveEncryptionKeys(unset, undefined, 'development')).toMatchObject({
        developmentKey: true,
        ring: { activeKeyId: DEVELOPMENT_KEY_ID },
      });
    }
  });

  it('refuses to start in production without keys, or with the development key', () => {
    expect(configProblem(() => resolveEncryptionKeys(undefined, undefined, 'production'))).toMatch(
      /DATA_ENCRYPTION_KEYS: must be set in production/,
    );
    const devKey = resolveEncryptionKeys(undefined, undefined, 'test')
      .ring.keys.get(DEVELOPMENT_KEY_ID)!
      .toString('base64');
    expect(configProblem(() => resolveEncryptionKeys(`mine:${devKey}`, undefined, 'production'))).toMatch(
      /development key/,
    );
  });

  it('names the variable when a key is malformed or the active id is unknown', () => {
    expect(configProblem(() => resolveEncryptionKeys('a:c2hvcnQ=', undefined, 'development'))).toMatch(
      /DATA_ENCRYPTION_KEYS key "a" must be 32 bytes/,
    );
    expect(configProblem(() => resolveEncryptionKeys(key(), undefined, 'development'))).toMatch(
      /DATA_ENCRYPTION_KEYS entries must read/,
    );
    expect(configProblem(() => resolveEncryptionKeys(`a:${key()}`, 'b', 'development'))).toMatch(
      /DATA_ENCRYPTION_KEY_ID "b"/,
    );
  });

  it("reads DATA_ENCRYPTION_KEYS and DATA_ENCRYPTION_KEY_ID from the service's environment", () => {
    const env = { DATA_ENCRYPTION_KEYS: `a:${key()},b:${key()}`, DATA_ENCRYPTION_KEY_ID: 'a' };
    expect(loadEncryptionKeys({ env, nodeEnv: 'production' })).toMatchObject({
      developmentKey: false,
      ring: { activeKeyId: 'a' },
    });
    expect(loadEncryptionKeys({ env: {}, nodeEnv: 'development' }).developmentKey).toBe(true);
  });
});
