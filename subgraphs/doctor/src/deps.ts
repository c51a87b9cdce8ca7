import type { BookingPolicy, DirectoryAnnouncer } from '@carebook/platform';
import type { PublicListings } from './store/public-listings';

/** What the doctor resolvers need besides a request's entity manager, built once at start. */
export interface DoctorDeps {
  /** The clinic's booking rules, for services that set none of their own. */
  defaults: BookingPolicy;
  /** Announces changes to doctors, the catalogue and locations, so the services caching them forget them. */
  directory: DirectoryAnnouncer;
  /** Publishes outbox rows (the admin actions taken here) now rather than at the relay's next poll. */
  nudge(): void;
  /** The public lists, kept for seconds. */
  listings: PublicListings;
}
