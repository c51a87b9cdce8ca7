import {
  env,
  loadDotenvOnce,
  parseEnv,
  productionCheckedServiceKeys,
  serviceKeyShape,
  SERVICE_PORTS,
  serviceUrl,
} from '@carebook/platform';
import { join } from 'node:path';
import { z } from 'zod';
import { isTrustedProxyEntry } from './client-address';

/** The gateway's settings (see .env.example). */
export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env) {
  loadDotenvOnce();
  const shape = {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    GATEWAY_PORT: env.port(SERVICE_PORTS.gateway),
    GATEWAY_HOST: env.text('127.0.0.1'),
    SUPERGRAPH_PATH: env.text(join(__dirname, '../../supergraph.graphql')),
    CORS_ORIGINS: z.string().optional(),
    AUTH_ISSUER: env.text('carebook-auth'),
    AUTH_AUDIENCE: env.text('carebook'),
    AUTH_JWKS_URL: env.url(['http', 'https']).optional(),
    ...serviceKeyShape('gateway'),
    MAX_QUERY_DEPTH: env.positiveInt(12),
    MAX_QUERY_ALIASES: env.positiveInt(15),
    MAX_QUERY_COST: env.positiveInt(20_000),
    INTROSPECTION: z.enum(['true', 'false']).optional(),
    REDIS_URL: env.url(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
    REDIS_PREFIX: env.redisPrefix(),
    SCHEDULE_CACHE_TTL_MS: env.wholeNumber(5000),
    LIVE_KEEPALIVE_MS: env.positiveInt(12_000),
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .refine(
        (list) => proxyList(list).every(isTrustedProxyEntry),
        'must be comma-separated IP addresses or CIDR ranges (10.0.0.0/8), or loopback, linklocal, uniquelocal',
      ),
    CAREBOOK_OPERATION_LOG: z.string().optional(),
  };
  const parsed = parseEnv(shape, source);
  // The gateway's own key pair: it proves to each subgraph that a request comes through it.
  const serviceKeys = productionCheckedServiceKeys('gateway', parsed.NODE_ENV, Object.keys(shape), parsed);
  const production = parsed.NODE_ENV === 'production';
  return {
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.GATEWAY_PORT,
    host: parsed.GATEWAY_HOST,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    // In development any origin may call (Sandbox, local front ends); in production only the listed ones.
    corsOrigins: parsed.CORS_ORIGINS ? parsed.CORS_ORIGINS.split(',').map((o) => o.trim()) : production ? [] : true,
    auth: {
      issuer: parsed.AUTH_ISSUER,
      audience: parsed.AUTH_AUDIENCE,
      jwksUrl: parsed.AUTH_JWKS_URL ?? `${serviceUrl('auth', source)}/.well-known/jwks.json`,
    },
    serviceKeys,
    // Peers whose X-Forwarded-For is believed (load balancers, reverse proxies); none by default.
    trustedProxies: proxyList(parsed.TRUSTED_PROXIES),
    limits: { depth: parsed.MAX_QUERY_DEPTH, aliases: parsed.MAX_QUERY_ALIASES, cost: parsed.MAX_QUERY_COST },
    // Introspection and Sandbox: on in development, off by default in production.
    introspection: parsed.INTROSPECTION ? parsed.INTROSPECTION === 'true' : !production,
    redisUrl: parsed.REDIS_URL,
    redisPrefix: parsed.REDIS_PREFIX,
    // Answers of the public queries (calendar, free slots, catalogue, doctor list) are kept for at most this long
    // (0: never), and dropped on any schedule or directory change (the variable keeps its first name).
    publicCacheTtlMs: parsed.SCHEDULE_CACHE_TTL_MS,
    // Live schedules: the Redis pub/sub the outbox relays publish schedule changes on, and graphql-ws keepalive pings.
    live: { redisUrl: parsed.REDIS_URL, redisPrefix: parsed.REDIS_PREFIX, keepAliveMs: parsed.LIVE_KEEPALIVE_MS },
    // Test stacks: a file to which the name of every served operation is appended (the contract check reads it).
    operationLogPath: parsed.CAREBOOK_OPERATION_LOG || undefined,
    env: source,
  };
}

function proxyList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
