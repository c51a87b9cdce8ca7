import type { FieldSealer, ServiceClient } from '@carebook/platform';

/** What the feedback resolvers need besides the request's entity manager. */
export interface FeedbackDeps {
  services: ServiceClient;
  /** Seals comments (domain/sealed-columns). */
  sealer: FieldSealer;
  /** Publishes outbox rows now rather than at the relay's next poll. */
  nudge(): void;
}
