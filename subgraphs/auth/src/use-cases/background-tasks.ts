import type { Logger } from '@carebook/platform';

/**
 * Work a request starts but does not wait for (so its answer takes the same
 * time whatever the work finds), kept track of so that stopping the service
 * lets it finish.
 */
export function createBackgroundTasks(logger: Logger) {
  const running = new Set<Promise<void>>();
  return {
    run(name: string, task: () => Promise<void>): void {
      const done: Promise<void> = task()
        .catch((error) => logger.error({ err: error }, `${name} failed`))
        .finally(() => running.delete(done));
      running.add(done);
    },
    async drain(): Promise<void> {
      await Promise.allSettled([...running]);
    },
  };
}

export type BackgroundTasks = ReturnType<typeof createBackgroundTasks>;
