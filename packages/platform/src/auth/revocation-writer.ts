import { createRedis } from '../redis';
import { revocationChannel, revocationKey } from './token-revocations';

export interface RevocationWriter {
  /**
   * Voids every access token of the user issued before `before` (now by
   * default): recorded in Redis and published to every process that
   * verifies tokens. Rejects when Redis cannot take it, so a caller can
   * refuse the change it was about to make.
   */
  revokeTokensOf(userId: string, before?: number): Promise<void>;
  close(): void;
}

/**
 * One step in Redis: keep the later of the old and new `before` (auth
 * instances' clocks may differ a little), forget entries whose tokens have
 * all expired, and publish. Values stay strings: Lua's numbers print large
 * integers in exponent form.
 */
const REVOKE = `
local before = ARGV[3]
local current = redis.call('HGET', KEYS[1], ARGV[2])
if current then
  local kept = string.match(current, '^(%d+),')
  if kept and tonumber(kept) > tonumber(before) then before = kept end
end
local entry = before .. ',' .. ARGV[4]
redis.call('HSET', KEYS[1], ARGV[2], entry)
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local untilMs = string.match(all[i + 1], ',(%d+)$')
  if not untilMs or tonumber(untilMs) <= tonumber(ARGV[5]) then redis.call('HDEL', KEYS[1], all[i]) end
end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PUBLISH', ARGV[1], ARGV[2] .. ',' .. entry)
return entry
`;

/**
 * What auth uses to revoke tokens. `keepMs` must cover the access-token
 * lifetime (plus clock skew): an entry is forgotten only when every token it
 * voids has expired anyway. Its own connection, without a key prefix (the
 * key names carry the prefix), failing fast while Redis is down.
 */
export function createRevocationWriter(redisUrl: string, prefix: string, keepMs: number): RevocationWriter {
  const redis = createRedis(redisUrl);
  redis.on('error', () => undefined); // each revocation reports its own failure
  return {
    async revokeTokensOf(userId, before = Date.now()) {
      const now = Date.now();
      await redis.eval(
        REVOKE,
        1,
        revocationKey(prefix),
        revocationChannel(prefix),
        userId,
        String(before),
        String(now + keepMs),
        String(now),
        String(keepMs),
      );
    },
    close: () => redis.disconnect(),
  };
}
