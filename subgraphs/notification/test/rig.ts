import {
  AppointmentFacts,
  CALLER_HEADER,
  DoctorContactFacts,
  OutboxEvent,
  PatientContactFacts,
} from '@carebook/platform';
import { testPortBase } from '@carebook/platform/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whatever answers HTTP on a free local port. */
async function listen(handler: http.RequestListener): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });
}

export interface SmsCapture {
  url: string;
  messages: Array<{ to: string; from: string; body: string; authorization: string; path: string }>;
  /** Answers the next `count` messages with a 503. */
  failNext(count: number): void;
  stop(): Promise<void>;
}

/** A local HTTP server in the shape of Twilio's Messages API. */
export async function startSmsCapture(): Promise<SmsCapture> {
  const messages: SmsCapture['messages'] = [];
  let failures = 0;
  const server = await listen(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    res.setHeader('content-type', 'application/json');
    if (failures > 0) {
      failures -= 1;
      res.statusCode = 503;
      return res.end(JSON.stringify({ message: 'Service unavailable' }));
    }
    messages.push({
      to: form.get('To') ?? '',
      from: form.get('From') ?? '',
      body: form.get('Body') ?? '',
      authorization: req.headers.authorization ?? '',
      path: req.url ?? '',
    });
    res.statusCode = 201;
    res.end(JSON.stringify({ sid: `SM${messages.length}`, status: 'queued' }));
  });
  return { ...server, messages, failNext: (count) => void (failures = count) };
}

export interface Clinic {
  url: string;
  appointments: Map<string, AppointmentFacts & { status: string }>;
  patients: Map<string, PatientContactFacts>;
  doctors: Map<string, DoctorContactFacts & { email: string }>;
  services: Map<string, string>;
  stop(): Promise<void>;
}

/**
 * Stands in for the internal routes of the appointment, patient, doctor and
 * auth services in these worker tests (the e2e suite runs the real ones),
 * the way the test issuer stands in for auth's keys. Same routes, same shapes.
 */
type RouteBody = { id: string; ids: string[] };

export async function startClinic(): Promise<Clinic> {
  const appointments: Clinic['appointments'] = new Map();
  const patients: Clinic['patients'] = new Map();
  const doctors: Clinic['doctors'] = new Map();
  const services: Clinic['services'] = new Map();
  // What the notification service sends these routes: one id or a list of them.
  const routes: Record<string, (body: RouteBody) => unknown> = {
    appointments: ({ ids }) => ({ appointments: ids.map((id: string) => appointments.get(id)).filter(Boolean) }),
    contacts: ({ ids }) => ({
      contacts: ids.flatMap<object>((id: string) => {
        const patient = patients.get(id);
        if (patient) return [patient];
        const doctor = doctors.get(id);
        return doctor
          ? [{ id: doctor.id, name: doctor.name, specialty: doctor.specialty, location: doctor.location }]
          : [];
      }),
    }),
    'get-user': ({ id }) => {
      const doctor = doctors.get(id) ?? patients.get(id);
      return doctor ? { id, email: doctor.email, role: 'DOCTOR', active: true } : null;
    },
    'medical-service': ({ id }) =>
      services.has(id)
        ? {
            id,
            name: services.get(id),
            category: 'GENERAL_CHECKUP',
            durationMinutes: 30,
            price: '40.00',
            currency: 'EUR',
            active: true,
          }
        : null,
  };
  const server = await listen(async (req, res) => {
    const route = routes[(req.url ?? '').replace('/internal/', '')];
    const body = JSON.parse((await readBody(req)) || '{}') as RouteBody;
    res.setHeader('content-type', 'application/json');
    const result = route?.(body);
    if (!req.headers[CALLER_HEADER]) res.statusCode = 401;
    else if (result === null || !route) res.statusCode = 404;
    res.end(
      JSON.stringify(
        res.statusCode === 200
          ? { result }
          : { error: { code: res.statusCode === 401 ? 'UNAUTHENTICATED' : 'NOT_FOUND', message: 'no' } },
      ),
    );
  });
  return { ...server, appointments, patients, doctors, services };
}

export interface OwnRedis {
  url: string;
  /** Stops the server (SIGTERM: Redis writes its append-only file first), keeping its data directory. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** A redis-server of the test's own, on its own port, so it can be stopped without touching anyone else's. */
export async function startOwnRedis(): Promise<OwnRedis> {
  // A reserved port below the ephemeral range: while the server is stopped, no outgoing connection can take it.
  const port = testPortBase();
  const dir = mkdtempSync(join(tmpdir(), 'carebook-redis-'));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
      if (up) return;
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const running = child;
      if (!running || running.exitCode !== null) return resolve();
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    destroy: async () => (await stop(), rmSync(dir, { recursive: true, force: true })),
  };
}

export { OutboxEvent };
