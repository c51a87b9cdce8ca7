import {
  createEvent,
  createLogger,
  createTokenVerifier,
  DomainEvent,
  Forbidden,
  Role,
  scheduleChannel,
} from '@carebook/platform';
import { liveClient, startTestIssuer, TestIssuer, untilSubscribed } from '@carebook/platform/testing';
import { buildSchema, graphql, GraphQLObjectType } from 'graphql';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { Viewer } from '../src/live/live-access';
import { LiveSchedules, startLiveSchedules } from '../src/live/live-schedules';
import {
  DoctorTwoSlotChangesDocument,
  FanOutAliasedDocument,
  FanOutChangeDocument,
  SlotChangesDocument,
} from './generated/operations';

/**
 * The gateway's live-schedule machinery against real Redis pub/sub, a real
 * graphql-ws server and clients, and real token verification. The
 * supergraph is stood in for by a small in-process schema of the same shape
 * (the e2e suite runs the real one), so that each execution can be counted
 * and its access rule seen: a patient's name only for admins.
 */
const SUPERGRAPH = buildSchema(`
  type Query { slot(id: ID!): Slot appointment(id: ID!): Appointment }
  type Subscription { scheduleChanged(doctorId: ID): ScheduleChange! }
  enum ScheduleChangeKind { SLOTS_OPENED SLOT_BOOKED SLOT_RELEASED SLOT_BLOCKED APPOINTMENT_RESCHEDULED APPOINTMENT_CANCELLED APPOINTMENT_COMPLETED APPOINTMENT_NO_SHOW }
  type ScheduleChange { kind: ScheduleChangeKind! occurredAt: String! slot: Slot appointment: Appointment }
  type Slot { id: ID! status: String! doctor: Doctor! }
  type Doctor { id: ID! name: String! }
  type Appointment { id: ID! patient: Patient! }
  type Patient { id: ID! name: String! }
`);
const field = (type: string, name: string) => (SUPERGRAPH.getType(type) as GraphQLObjectType).getFields()[name];
field('Query', 'slot').resolve = (_root, { id }: { id: string }) => ({
  id,
  status: 'BOOKED',
  doctor: { id: 'd1', name: 'Dr One' },
});
field('Query', 'appointment').resolve = (_root, { id }: { id: string }) => ({ id, patient: { id: 'p1' } });
field('Patient', 'name').resolve = (_patient, _args, context: { viewer: Viewer | null }) => {
  if (context.viewer?.principal.role !== Role.ADMIN) throw new Forbidden("You may not see this patient's profile.");
  return 'Pat Smith';
};

describe('live schedules: fan-out and shared executions', () => {
  let issuer: TestIssuer;
  let httpServer: http.Server;
  let live: LiveSchedules;
  let publisher: Redis;
  let url: string;
  const prefix = `live-int-${randomUUID().slice(0, 8)}`;
  const executed: string[] = [];
  const clients: Array<ReturnType<typeof liveClient>> = [];
  const token = (role: Role, sub: string) => issuer.mint({ role, sub });
  const client = async (role: Role, sub: string) => {
    const made = liveClient(url, await token(role, sub));
    clients.push(made);
    return made;
  };
  const booked = (doctorId: string, n: number): DomainEvent =>
    createEvent(
      'scheduling',
      'SLOT_BOOKED',
      { type: 'Slot', id: `s${n}` },
      {
        slotId: `s${n}`,
        doctorId,
        appointmentId: `a${n}`,
        startsAt: new Date().toISOString(),
        endsAt: new Date().toISOString(),
      },
    );
  const publish = (event: DomainEvent) => publisher.publish(scheduleChannel(prefix), JSON.stringify(event));

  beforeAll(async () => {
    issuer = await startTestIssuer();
    // /health as the gateway answers it, for untilSubscribed.
    httpServer = http.createServer((_req, res) => res.end(JSON.stringify({ live: live.stats() })));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
    live = await startLiveSchedules({
      httpServer,
      verifier: createTokenVerifier({ jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience }),
      logger: createLogger('gateway', 'silent'),
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      redisPrefix: prefix,
      keepAliveMs: 12_000,
      async execute(query, variables, viewer) {
        executed.push(query);
        const result = await graphql({
          schema: SUPERGRAPH,
          source: query,
          variableValues: variables,
          contextValue: { viewer },
        });
        return {
          data: result.data as Record<string, unknown> | null,
          errors: result.errors?.map((error) => error.toJSON()),
        };
      },
    });
    live.useSchema(SUPERGRAPH);
    publisher = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    await live?.stop();
    httpServer?.closeAllConnections();
    await new Promise((resolve) => httpServer?.close(resolve));
    publisher?.disconnect();
    await issuer?.stop();
  });

  it('runs one execution per change per distinct (query, variables, access scope) and delivers it to every subscriber', async () => {
    const admins = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        (await client(Role.ADMIN, `admin-${i}`)).subscribe(FanOutChangeDocument),
      ),
    );
    const doctors = await Promise.all(
      Array.from({ length: 5 }, async () =>
        (await client(Role.DOCTOR, 'd1')).subscribe(FanOutChangeDocument, { doctorId: 'd1' }),
      ),
    );
    const aliased = await Promise.all(
      Array.from({ length: 3 }, async (_, i) =>
        (await client(Role.ADMIN, `admin-${i}`)).subscribe(FanOutAliasedDocument),
      ),
    );
    const subscriptions = [...admins, ...doctors, ...aliased];
    await untilSubscribed(url, 18);
    // Planning ahead runs each distinct query once without a token when it is first subscribed.
    await new Promise((r) => setTimeout(r, 100));
    const before = { ...live.stats() };
    executed.length = 0;
    for (let n = 0; n < 3; n += 1) await publish(booked('d1', n));
    await Promise.all(subscriptions.map((s) => s.next(() => s.results.length >= 3)));

    const after = live.stats();
    expect(after.deliveries - before.deliveries).toBe(3 * 18);
    // admins with FanOutChange, doctor d1 with FanOutChange, admins with FanOutAliased: three audiences, three changes.
    expect(after.executions - before.executions).toBe(3 * 3);
    expect(executed).toHaveLength(9);
    // The subscription documents too: once per change per (document, variables, scope), the result sent to all.
    expect(after.resultExecutions - before.resultExecutions).toBe(3 * 3);

    const admin = admins[0].results[0];
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.scheduleChanged).toEqual({
      kind: 'SLOT_BOOKED',
      slot: { id: 's0', doctor: { name: 'Dr One' } },
      appointment: { id: 'a0', patient: { name: 'Pat Smith' } },
    });
    expect(aliased[0].results[0].data?.scheduleChanged).toEqual({
      kind: 'SLOT_BOOKED',
      where: { id: 's0', status: 'BOOKED' },
    });

    // The doctor may not see the patient's name: refused at its place, the rest delivered.
    const doctor = doctors[0].results[0];
    expect(doctor.data?.scheduleChanged.slot).toEqual({ id: 's0', doctor: { name: 'Dr One' } });
    expect(doctor.data?.scheduleChanged.appointment).toBeNull();
    expect(doctor.errors).toEqual([
      expect.objectContaining({ path: ['scheduleChanged', 'appointment'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    for (const s of subscriptions) s.stop();
  });

  it('routes by doctor, and delivers an event published twice once', async () => {
    const d2 = (await client(Role.DOCTOR, 'd2')).subscribe(DoctorTwoSlotChangesDocument);
    const all = (await client(Role.ADMIN, 'admin-x')).subscribe(SlotChangesDocument);
    await untilSubscribed(url, 2);
    const twice = booked('d2', 7);
    await publish(booked('d1', 6));
    await publish(twice);
    await publish(twice);
    // A later change of d2's arrives after anything published before it (each subscription keeps the feed's order).
    await publish(booked('d2', 8));
    await all.next((r) => r.data?.scheduleChanged.slot?.id === 's8');
    await d2.next((r) => r.data?.scheduleChanged.slot?.id === 's8');
    expect(d2.results.map((r) => r.data?.scheduleChanged.slot?.id)).toEqual(['s7', 's8']);
    expect(all.results.map((r) => r.data?.scheduleChanged.slot?.id)).toEqual(['s6', 's7', 's8']);
    expect(live.stats().duplicateEvents).toBeGreaterThanOrEqual(1);
    d2.stop();
    all.stop();
  });

  it('keeps delivering to everyone while one subscriber stops reading', async () => {
    // A raw graphql-ws peer that subscribes and then stops reading its socket.
    const stalled = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => stalled.once('open', resolve));
    stalled.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${await token(Role.ADMIN, 'slow')}` },
      }),
    );
    await new Promise((resolve) => stalled.once('message', resolve));
    let stalledReceived = 0;
    stalled.on('message', () => (stalledReceived += 1));
    stalled.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: {
          query: 'subscription { scheduleChanged { kind occurredAt slot { id status doctor { id name } } } }',
        },
      }),
    );
    const others = await Promise.all(
      Array.from({ length: 3 }, async (_, i) =>
        (await client(Role.ADMIN, `reader-${i}`)).subscribe(SlotChangesDocument),
      ),
    );
    await untilSubscribed(url, 4);
    stalled.pause();

    for (let n = 100; n < 150; n += 1) void publish(booked('d3', n));
    await Promise.all(others.map((s) => s.next(() => s.results.length >= 50, 10_000)));
    expect(stalledReceived).toBe(0);
    stalled.resume();
    const deadline = Date.now() + 10_000;
    while (stalledReceived < 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stalledReceived).toBe(50);
    stalled.close();
    for (const s of others) s.stop();
  });
});
