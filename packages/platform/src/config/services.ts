/** The services of the supergraph and their default ports (DESIGN.md). */
export const SERVICE_PORTS = {
  gateway: 4000,
  auth: 4001,
  patient: 4002,
  doctor: 4003,
  scheduling: 4004,
  appointment: 4005,
  billing: 4006,
  feedback: 4007,
  notification: 4008,
  admin: 4009,
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;

export function envPrefix(service: ServiceName): string {
  return service.toUpperCase();
}

/** Port a service listens on: `<SERVICE>_PORT`, else the default from the table. */
export function servicePort(service: ServiceName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[`${envPrefix(service)}_PORT`];
  return raw === undefined || raw === '' ? SERVICE_PORTS[service] : Number(raw);
}

/** Base URL other processes use to reach a service: `<SERVICE>_URL`, else 127.0.0.1 and its port. */
export function serviceUrl(service: ServiceName, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[`${envPrefix(service)}_URL`];
  if (explicit) return explicit.replace(/\/$/, '');
  return `http://127.0.0.1:${servicePort(service, env)}`;
}
