import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isTrustedProxyEntry, trustProxies } from './client-address';
import { loadGatewayConfig } from './config';

/** The address a real Express app behind trustProxies computes for a request from this machine (peer 127.0.0.1). */
async function clientAddressSeen(trusted: string[], forwardedFor?: string): Promise<string> {
  const app = express();
  trustProxies(app, trusted);
  app.get('/ip', (req, res) => void res.send(req.ip));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/ip`, {
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
    return await response.text();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('the client address', () => {
  it('is the peer, whatever X-Forwarded-For says, when no proxy is trusted', async () => {
    expect(await clientAddressSeen([], '203.0.113.9')).toBe('127.0.0.1');
  });

  it('comes from X-Forwarded-For when the peer is a trusted proxy', async () => {
    expect(await clientAddressSeen(['127.0.0.1'], '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddressSeen(['loopback'], '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddressSeen(['127.0.0.0/8'])).toBe('127.0.0.1');
  });

  it('is the right-most untrusted hop, so a client cannot choose its address by writing the header itself', async () => {
    expect(await clientAddressSeen(['127.0.0.1'], '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddressSeen(['127.0.0.1', '203.0.113.0/24'], '198.51.100.1, 203.0.113.9')).toBe('198.51.100.1');
  });

  it('is the peer when the peer is not among the trusted proxies', async () => {
    expect(await clientAddressSeen(['10.0.0.0/8'], '203.0.113.9')).toBe('127.0.0.1');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('accepts addresses, CIDR ranges and proxy-addr names', () => {
    for (const entry of ['10.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1', 'loopback', 'linklocal', 'uniquelocal'])
      expect(isTrustedProxyEntry(entry)).toBe(true);
    for (const entry of ['proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', '10.0.0', ''])
      expect(isTrustedProxyEntry(entry)).toBe(false);
  });

  it('stops the gateway with a message naming the variable when an entry is not an address', () => {
    expect(() => loadGatewayConfig({ TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' })).toThrow(
      /TRUSTED_PROXIES: must be comma-separated IP addresses or CIDR ranges/,
    );
    expect(loadGatewayConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8 , 192.168.1.5' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.168.1.5',
    ]);
    expect(loadGatewayConfig({}).trustedProxies).toEqual([]);
  });
});
