import type { SchedulingContext } from '../domain/scheduling-context';

/** What the scheduling resolvers need, built once at start and injected. */
export interface SchedulingDeps {
  context: SchedulingContext;
}
