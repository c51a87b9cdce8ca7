import { setFlagsFromString } from 'node:v8';

/**
 * Keeps the bytecode V8 compiled for this process's functions. By default
 * V8 throws away the bytecode of functions that have not run for a while
 * (it ages it at each garbage collection, and an idle process is collected
 * now and then to shrink its heap), so a long-running service that sat idle
 * compiled its whole request path again at the next burst, on a CPU the
 * burst was saturating. bench:reminders showed it: with the notification
 * workers' rehearsal (warm-up.ts) run 43 s before the reminders fell due,
 * p99 616 ms late (the first second's latest 0.83 s) with the bytecode
 * discarded, 113 ms (0.42 s) with it kept. The cost is the memory of code
 * already compiled, which a service reuses. Called first thing in every
 * service and worker process (runService, the notification worker's main).
 */
export function keepCompiledCode(): void {
  setFlagsFromString('--no-flush-bytecode');
}
