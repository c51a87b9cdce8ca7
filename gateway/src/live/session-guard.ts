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
 * (a second; a lookup in memory per connection) while connections are
 * open: `wake()` when one opens; with none left the timer stops, so an idle
 * gateway does not wake for it. The socket is closed with 4403 and the
 * reason, which ends every subscription on it; the client reconnects with a
 * fresh token once it has one.
 */
export function guardLiveSessions(options: SessionGuardOptions): { wake(): void; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const check = () => {
    const now = Date.now();
    let open = 0;
    for (const [socket, viewer] of options.connections()) {
      if (socket.readyState !== socket.OPEN) continue; // already closing
      open += 1;
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
    if (open === 0) stop();
  };
  return {
    wake() {
      if (timer) return;
      timer = setInterval(check, options.everyMs ?? 1000);
      timer.unref();
    },
    stop,
  };
}
