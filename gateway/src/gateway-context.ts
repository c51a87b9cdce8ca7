import type { Principal } from '@carebook/platform';

/** Per-request context of the gateway: who is calling, and what to forward. */
export interface GatewayContext {
  token?: string;
  principal: Principal | null;
  clientIp: string;
  requestId: string;
}
