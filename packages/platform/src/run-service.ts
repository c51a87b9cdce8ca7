import type { Logger } from 'pino';
import { ConfigError } from './config/load-config';
import type { RunningService } from './server/start-subgraph';
import { keepCompiledCode } from './runtime/keep-compiled-code';

/**
 * Entry point of a service process: starts it, exits with a clear message on
 * bad configuration, and stops cleanly on SIGINT/SIGTERM.
 */
export function runService(name: string, start: () => Promise<RunningService>, logger?: Logger): void {
  keepCompiledCode();
  Promise.resolve()
    .then(start)
    .then((service) => {
      const stop = async (signal: string) => {
        logger?.info({ signal }, `${name} stopping`);
        const timer = setTimeout(() => process.exit(1), 10_000);
        timer.unref();
        await service.stop().catch((error) => logger?.error({ err: error }, 'error while stopping'));
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    })
    .catch((error: unknown) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`[${name}] ${error.message}\n`);
      } else {
        process.stderr.write(`[${name}] failed to start: ${(error as Error)?.stack ?? error}\n`);
      }
      process.exit(1);
    });
}
