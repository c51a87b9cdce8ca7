import type { Logger, RevocationCheck } from '@carebook/platform';
import type { WebSocket } from 'ws';
import type { Viewer } from './live-access';

export interface SessionGuardOptions {
  /** The open live connections and who holds them. */
  connections(): Iterable<[WebSocket, Viewer]>;
  /** Closes a connection with 4403 and the reason. */
  refuse(socket: WebSocket, reason: string): void;
  revocations: RevocationCheck;
  logger: Logger;
  everyMs?: number;
}

/**
 * Ends the live connections of users who may no longer be served: their
 * tokens were revoked (deactivated, role or password changed, signed out
 * everywhere), or revocations cannot be checked right now (Redis unreachable
 * beyond the grace: refused rather than honoured). Checked every `everyMs`
 * (a second; a lookup in memory per connection): the socket is closed with
 * 4403 and the reason, which ends every subscription on it; the client
 * reconnects with a fresh token once it has one.
 */
export function guardLiveSessions(options: SessionGuardOptions): { stop(): void } {
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [socket, viewer] of options.connections()) {
      if (socket.readyState !== socket.OPEN) continue; // already closing
      try {
        options.revocations.assertCurrent(viewer.principal, now);
      } catch (error) {
        options.logger.info(
          {
            userId: viewer.principal.userId,
            reason: (error as { extensions?: { reason?: string } }).extensions?.reason,
          },
          'live connection ended: session no longer valid',
        );
        options.refuse(socket, (error as Error).message);
      }
    }
  }, options.everyMs ?? 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
