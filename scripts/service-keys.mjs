#!/usr/bin/env node
// Prints a fresh Ed25519 key pair per Carebook process, as .env lines:
// <SERVICE>_SERVICE_PRIVATE_KEY for each (docker-compose.yml hands each
// container its own as SERVICE_PRIVATE_KEY) and SERVICE_PUBLIC_KEYS, which
// every process gets. Keep the private keys secret, one per service; the
// public keys may be shared freely. Usage: pnpm keys:services >> .env
import { generateKeyPairSync } from 'node:crypto';

// The gateway and every subgraph (a notification worker signs as notification).
const SERVICES = [
  'gateway',
  'auth',
  'patient',
  'doctor',
  'scheduling',
  'appointment',
  'billing',
  'feedback',
  'notification',
  'admin',
];

const publicKeys = {};
const lines = ['# Service token keys (pnpm keys:services), made ' + new Date().toISOString()];
for (const service of SERVICES) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  publicKeys[service] = { ...publicKey.export({ format: 'jwk' }), kid: service, alg: 'EdDSA', use: 'sig' };
  lines.push(`${service.toUpperCase()}_SERVICE_PRIVATE_KEY='${JSON.stringify(privateKey.export({ format: 'jwk' }))}'`);
}
lines.push(`SERVICE_PUBLIC_KEYS='${JSON.stringify(publicKeys)}'`);
console.log(lines.join('\n'));
