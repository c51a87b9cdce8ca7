import 'reflect-metadata';
import { operation } from '@carebook/clients';
import { createRedis, DomainEvent, scheduleChannel } from '@carebook/platform';
import { liveClient, LiveSubscription, startStack, variant } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  BookAppointmentDocument,
  CancelAppointmentDocument,
  LoginDocument,
  ScheduleChangedSubscription,
} from '@carebook/sdk';
import { readFileSync } from 'node:fs';
import { clinicClient, tomorrow } from './lib/clinic';
import { cpuMeter, formatShare } from './lib/process-cpu';
import { latencyLine, percentile, pool } from './lib/stats';
import { loopSeconds, scaledTargetLine } from './lib/yardstick';

/**
 * pnpm bench:live [subscribers=1000] [doctors=50] [admins=20] [bookings=200] [bookingsPerSecond=4]
 * Staff dashboards on graphql-ws: `subscribers` spread evenly over `doctors`
 * (each with that doctor's own token and doctorId) plus `admins` following
 * every schedule, all with the contract's ScheduleChanged document, while
 * bookings stream in through the gateway at a steady rate (0: as fast as
 * 8 concurrent clients go) and every other booking is cancelled right after. Prints the delivery latency from commit (the
 * change's occurredAt) to receipt, changes lost or duplicated per
 * subscriber, the gateway's memory, and federated executions vs deliveries.
 */
async function main() {
  const [subscribers, doctorCount, admins, bookings, rate] = [1000, 50, 20, 200, 4].map((fallback, i) =>
    Number(process.argv[2 + i] ?? fallback),
  );
  const timesPerDoctor = Math.ceil(bookings / doctorCount);
  const loop = loopSeconds();
  console.log('starting the stack (fresh databases)...');
  const stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], {
    LOG_LEVEL: 'error',
  });
  const gatewayPid = stack.services.get('gateway')!.process.pid!;
  const health = async () =>
    (
      (await (await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/health'))).json()) as {
        live: Record<string, number>;
      }
    ).live;
  const clients: Array<ReturnType<typeof liveClient>> = [];
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceId = await clinic.createService(admin, 'Bench consultation', 15);
    const tag = `live-${Date.now()}`;
    console.log(`seeding ${doctorCount} doctors with ${timesPerDoctor} slots each and ${doctorCount} patients...`);
    const doctors = await clinic.createDoctors(admin, doctorCount, serviceId, tag);
    const doctorTokens = await pool(
      doctors,
      4,
      async (_, i) =>
        (
          await clinic.run(LoginDocument, {
            email: `dr${i}-${tag}@bench.carebook.test`,
            password: 'bench-doctor-password',
          })
        ).login.accessToken,
    );
    const end = 9 * 60 + timesPerDoctor * 15;
    const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
    const slots = await pool(doctors, 4, async (doctorId) =>
      (
        await clinic.run(
          AddAvailabilityDocument,
          { doctorId, date: tomorrow(), startTime: '09:00', endTime, slotMinutes: 15 },
          admin,
        )
      ).addAvailability.map((s) => s.id),
    );
    // Patient j books doctor j's slots, one per time: no patient ever holds two overlapping appointments.
    const patients = await clinic.registerPatients(doctorCount, tag);

    const rssBefore = rssMb(gatewayPid);
    console.log(`opening ${subscribers} doctor subscriptions and ${admins} admin subscriptions...`);
    const audience: Array<{ doctor: number | null; sub: LiveSubscription }> = [];
    // The contract's text of ScheduleChanged, whose results have the SDK's ScheduleChangedSubscription type.
    const document = operation('ScheduleChanged');
    await pool(
      Array.from({ length: subscribers + admins }, (_, i) => i),
      50,
      async (i) => {
        const doctor = i < subscribers ? i % doctorCount : null;
        const client = liveClient(stack.gatewayUrl, doctor === null ? admin : doctorTokens[doctor]);
        clients.push(client);
        audience.push({
          doctor,
          sub: client.subscribe(document, doctor === null ? {} : { doctorId: doctors[doctor] }),
        });
      },
    );
    // Every subscription is counted by the gateway, or has ended (refused, dropped): then go on without it.
    const ended = new Set<LiveSubscription>();
    for (const { sub } of audience) void sub.ended.then(() => ended.add(sub));
    const waitUntil = Date.now() + 120_000;
    while ((await health()).subscriptions + ended.size < subscribers + admins && Date.now() < waitUntil)
      await new Promise((r) => setTimeout(r, 200));
    const failedToSubscribe = ended.size;
    if (failedToSubscribe) {
      const reasons = clients.flatMap((c) => c.closes.map((close) => `${close.code} ${close.reason}`));
      console.log(`  ${failedToSubscribe} subscriptions could not be opened: ${[...new Set(reasons)].join('; ')}`);
    }
    // The benchmark hears the channel too: when each change was published splits the latency into the
    // subgraphs' part (commit -> outbox relay -> Redis) and the gateway's (Redis -> subscriber).
    const published = new Map<string, number>();
    const listener = createRedis(stack.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { enableOfflineQueue: true });
    listener.on('message', (_channel: string, message: string) => {
      const event = JSON.parse(message) as DomainEvent;
      const slotId = (event.payload as { slotId?: string }).slotId;
      if (slotId) published.set(`${event.type}:${slotId}`, Date.now());
    });
    await listener.subscribe(scheduleChannel(stack.env.REDIS_PREFIX!));
    const before = await health();
    const rssSubscribed = rssMb(gatewayPid);
    let rssPeak = rssSubscribed;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(gatewayPid))), 250);

    console.log(
      `streaming ${bookings} bookings (every other one cancelled right after) through the gateway, ${rate ? `${rate} per second` : 'as fast as 8 clients go'}...`,
    );
    const expected: Array<{ doctor: number; key: string }> = [];
    let failures = 0;
    const meter = cpuMeter({
      ...Object.fromEntries([...stack.services].map(([name, service]) => [name, service.process.pid])),
      bench: process.pid,
    });
    meter.start();
    const started = performance.now();
    await pool(
      Array.from({ length: bookings }, (_, i) => i),
      rate ? bookings : 8,
      async (i) => {
        if (rate) await new Promise((r) => setTimeout(r, (i * 1000) / rate));
        const doctor = i % doctorCount;
        const slotId = slots[doctor][Math.floor(i / doctorCount)];
        try {
          const booked = await clinic.run(BookAppointmentDocument, { input: { slotId, serviceId } }, patients[doctor]);
          expected.push({ doctor, key: `SLOT_BOOKED:${slotId}` });
          if (i % 2 === 0) {
            await clinic.run(
              CancelAppointmentDocument,
              { id: variant(booked.bookAppointment, 'BookingConfirmed').appointment.id, reason: 'bench' },
              patients[doctor],
            );
            expected.push(
              { doctor, key: `APPOINTMENT_CANCELLED:${slotId}` },
              { doctor, key: `SLOT_RELEASED:${slotId}` },
            );
          }
        } catch (error) {
          failures += 1;
          if (failures <= 3) console.error(String(error).slice(0, 300));
        }
      },
    );
    const streamSeconds = (performance.now() - started) / 1000;

    // Wait until every expected delivery arrived, or nothing new came for 5 s.
    const live = audience.filter((a) => !ended.has(a.sub));
    const expectedDeliveries = live.reduce(
      (n, a) => n + expected.filter((e) => a.doctor === null || e.doctor === a.doctor).length,
      0,
    );
    let last = -1;
    let quietSince = Date.now();
    for (;;) {
      const received = live.reduce((n, a) => n + a.sub.results.length, 0);
      if (received >= expectedDeliveries) break;
      if (received !== last) [last, quietSince] = [received, Date.now()];
      if (Date.now() - quietSince > 5000) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    clearInterval(sampler);
    // Per change: its commit, the relay's publish, the gateway's execution and its fan-out to every subscriber.
    const cpuPerChange = formatShare(meter.share(Math.max(expected.length, 1), ['bench']), 'total (bench left out)');
    const after = await health();

    listener.disconnect();
    const latencies: number[] = [];
    const gatewayLatencies: number[] = [];
    let lost = 0;
    let duplicated = 0;
    let unexpected = 0;
    let refusedFields = 0;
    let withoutSlot = 0;
    const errorKinds = new Map<string, number>();
    for (const { doctor, sub } of audience) {
      if (ended.has(sub) && sub.results.length === 0) continue;
      const want = new Set(expected.filter((e) => doctor === null || e.doctor === doctor).map((e) => e.key));
      const seen = new Map<string, number>();
      // A change whose slot could not be resolved (an error in its place) is delivered but cannot be told apart.
      let anonymous = 0;
      for (const result of sub.results) {
        // The live client hands data over as any; the gateway answered the contract's document, typed in the SDK
        // (null where an error took the whole answer).
        const change = (result.data as ScheduleChangedSubscription | null | undefined)?.scheduleChanged;
        if (result.errors?.length) refusedFields += 1;
        for (const error of result.errors ?? []) {
          const kind =
            `${change?.kind} ${(error.path ?? []).join('.')}: ${error.extensions?.code} ${error.message}`.slice(0, 200);
          errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
        }
        if (change?.occurredAt) latencies.push(result.receivedAt - Date.parse(change.occurredAt));
        if (!change?.slot) {
          anonymous += 1;
          continue;
        }
        const key = `${change.kind}:${change.slot.id}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (published.has(key)) gatewayLatencies.push(result.receivedAt - published.get(key)!);
      }
      withoutSlot += anonymous;
      let missing = 0;
      for (const key of want) if (!seen.has(key)) missing += 1;
      let extra = 0;
      for (const [key, count] of seen) {
        if (!want.has(key)) extra += count;
        else if (count > 1) duplicated += count - 1;
      }
      const explained = Math.min(missing, anonymous);
      lost += missing - explained;
      unexpected += extra + anonymous - explained;
    }
    const deliveries = after.deliveries - before.deliveries;
    const executions = after.executions - before.executions;
    console.log(
      `\n${subscribers} doctor subscribers over ${doctorCount} doctors + ${admins} admin subscribers to all; ${bookings} bookings, ${Math.ceil(bookings / 2)} cancelled (${failures} failed) in ${streamSeconds.toFixed(1)} s (${rate ? `${rate} bookings/s` : 'unthrottled, 8 clients'})`,
    );
    console.log(
      `  changes: ${expected.length} (each to ${subscribers / doctorCount} doctor + ${admins} admin subscribers), deliveries expected ${expectedDeliveries}`,
    );
    console.log(`  ${latencyLine('delivery latency, commit to receipt', latencies)}`);
    console.log(`  ${latencyLine('of which published on Redis to receipt (gateway and delivery)', gatewayLatencies)}`);
    console.log(`  ${scaledTargetLine('p99, commit to receipt,', 100, percentile(latencies, 99), loop)}`);
    console.log(`  CPU ms per change (the bookings and cancellations that made them included): ${cpuPerChange}`);
    console.log(
      `  lost ${lost}, duplicated ${duplicated}, unexpected ${unexpected} (changes of failed requests), deliveries carrying an error ${refusedFields} (of which slot unresolved ${withoutSlot})`,
    );
    for (const [kind, n] of [...errorKinds].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`    ${n} x ${kind}`);
    console.log(
      `  federated executions ${executions} for ${deliveries} deliveries (${(deliveries / Math.max(executions, 1)).toFixed(1)} deliveries per execution); subscription documents executed ${after.resultExecutions - before.resultExecutions} times`,
    );
    console.log(
      `  in the gateway: commit to heard on Redis mean ${after.heardLagMsMean} ms (max ${after.heardLagMsMax}); one federated execution mean ${after.executionMsMean} ms (max ${after.executionMsMax})`,
    );
    console.log(
      `  gateway RSS: ${rssBefore} MB before subscribers, ${rssSubscribed} MB with ${subscribers + admins} subscriptions, peak ${rssPeak} MB while streaming`,
    );
  } finally {
    await Promise.all(clients.map(async (c) => c.dispose()));
    await stack.stop();
  }
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
