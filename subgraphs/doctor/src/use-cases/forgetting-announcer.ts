import type { DirectoryAnnouncer } from '@carebook/platform';
import type { PublicListings } from '../store/public-listings';

/**
 * This instance's announcer, which first drops its own kept lists: the
 * change's author reads its own write at once, even while Redis (and so the
 * announcement's echo) is slow or away.
 */
export function forgettingFirst(
  announcer: DirectoryAnnouncer,
  listings: Pick<PublicListings, 'forget'>,
): DirectoryAnnouncer {
  return {
    announce(change) {
      listings.forget();
      return announcer.announce(change);
    },
    live: () => announcer.live(),
    close: () => announcer.close(),
  };
}
