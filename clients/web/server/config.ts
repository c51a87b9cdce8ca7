import { clinicTimeZoneSchema, env, loadDotenvOnce, parseEnv } from '@carebook/platform';
import { join } from 'node:path';

/** The web server's settings (see .env.example). */
export function loadWebConfig(source: NodeJS.ProcessEnv = process.env) {
  loadDotenvOnce();
  const parsed = parseEnv(
    {
      NODE_ENV: env.nodeEnv(),
      LOG_LEVEL: env.logLevel(),
      WEB_PORT: env.port(5173),
      WEB_HOST: env.text('127.0.0.1'),
      // Where browsers reach the gateway. Unset: port GATEWAY_PORT of the host the page was loaded from.
      GRAPHQL_PUBLIC_URL: env.url(['http', 'https']).optional(),
      GATEWAY_PORT: env.port(4000),
      CLINIC_TIME_ZONE: clinicTimeZoneSchema(),
      WEB_DIST_DIR: env.text(join(__dirname, '..')),
      EXPLORER_DIST_DIR: env.text(join(__dirname, '../../../explorer/dist')),
    },
    source,
  );
  return {
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.WEB_PORT,
    host: parsed.WEB_HOST,
    graphqlUrl: parsed.GRAPHQL_PUBLIC_URL,
    gatewayPort: parsed.GATEWAY_PORT,
    clinicTimeZone: parsed.CLINIC_TIME_ZONE,
    appDir: join(parsed.WEB_DIST_DIR, 'app'),
    explorerDir: parsed.EXPLORER_DIST_DIR,
  };
}

export type WebConfig = ReturnType<typeof loadWebConfig>;
