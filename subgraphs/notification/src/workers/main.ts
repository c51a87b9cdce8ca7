import 'reflect-metadata';
import { ConfigError, createLogger, keepCompiledCode } from '@carebook/platform';
import { loadNotificationConfig } from '../config';
import { startNotificationWorkers } from './worker-app';

/** Entry point of the notification worker process (`node dist/workers/main.js`); `pnpm start` runs it beside the subgraphs. */
keepCompiledCode();
const logger = createLogger('notification-worker');
startNotificationWorkers(loadNotificationConfig())
  .then((running) => {
    const stop = async (signal: string) => {
      logger.info({ signal }, 'notification workers stopping');
      setTimeout(() => process.exit(1), 15_000).unref();
      await running.stop().catch((error) => logger.error({ err: error }, 'error while stopping'));
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  })
  .catch((error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `[notification-worker] ${error.message}\n`
        : `[notification-worker] failed to start: ${(error as Error)?.stack ?? error}\n`,
    );
    process.exit(1);
  });
