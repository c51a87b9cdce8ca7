import type { Express } from 'express';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import proxyAddr from 'proxy-addr';

/** proxy-addr's names for address ranges, accepted in TRUSTED_PROXIES. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A TRUSTED_PROXIES entry: an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or loopback / linklocal / uniquelocal. */
export function isTrustedProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = net.isIP(address);
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Makes `req.ip` the client's address. A request straight from a client
 * gives the socket's peer; X-Forwarded-For counts only when that peer is one
 * of the trusted proxies, and then it is read from the right, past every
 * trusted hop, so an address a client wrote into the header itself is never
 * taken (Express's `trust proxy`, that is proxy-addr). Without trusted
 * proxies the header is ignored: anyone can send it.
 */
export function trustProxies(app: Express, proxies: string[]): void {
  app.set('trust proxy', proxies.length ? proxies : false);
}

/**
 * `req.ip` for a request served without Express (/graphql): the same
 * proxy-addr rule, compiled once.
 */
export function clientAddressOf(proxies: string[]): (req: IncomingMessage) => string {
  if (!proxies.length) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trusted = proxyAddr.compile(proxies);
  return (req) => proxyAddr(req, trusted);
}
