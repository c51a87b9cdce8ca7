import type { ServiceClient } from '@carebook/platform';

/** What the feedback resolvers need besides the request's entity manager. */
export interface FeedbackDeps {
  services: ServiceClient;
  /** Publishes outbox rows now rather than at the relay's next poll. */
  nudge(): void;
}
