import 'reflect-metadata';
import { CALLER_HEADER } from '@carebook/platform';
import { callerToken, spawnService, SpawnedService, startStack } from '@carebook/platform/testing';
import type { ServiceName } from '@carebook/platform';
import { SetWeeklyAvailabilityDocument } from '@carebook/sdk';
import { clinicClient } from './lib/clinic';
import { graphqlPoster, LoadResult, Shot, sustain } from './lib/load';
import { cpuMeter, CpuShare, formatShare } from './lib/process-cpu';
import { latencyLine, percentile } from './lib/stats';
import { printLoggedErrors } from './lib/logged-errors';
import { Floor, startFloor } from './floor/floor';
import { DeepDoctorsDocument } from './operations/generated/doctor';
import { DeepRatingsDocument } from './operations/generated/feedback';
import { DeepDocument, TrivialDocument } from './operations/generated/operations';
import { DeepHoursDocument } from './operations/generated/scheduling';

// The documents: bench/src/operations (Trivial and Deep; DeepDoctors, DeepRatings and DeepHours are the gateway's
// query plan for Deep, done by the client itself: one fetch, then two in parallel).
const CONNECTIONS = 10;

/**
 * pnpm bench:gateway [seconds=10]
 * What the gateway costs: a trivial query (one subgraph) and a query over
 * three subgraphs, each sent straight to the subgraph(s) (the client plays
 * the gateway: its caller token, and for the deep query the gateway's own
 * query plan) and then through the gateway, 10 connections, after a warm-up.
 * A second gateway without the public cache shows what routing alone costs.
 * Prints requests/s, latency, CPU per request of each process, and the
 * gateway's figures as multiples of the direct ones (measured in the same
 * run, so they hold across machines).
 */
async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  console.log('starting the stack (fresh databases)...');
  const stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'feedback'], {
    LOG_LEVEL: 'error',
  });
  let uncached: SpawnedService | undefined;
  let floor: Floor | undefined;
  try {
    const clinic = clinicClient(stack.gatewayUrl);
    const admin = await clinic.adminToken();
    const serviceIds = [
      await clinic.createService(admin, 'Bench check-up', 15),
      await clinic.createService(admin, 'Bench consultation', 30),
    ];
    const doctors = await clinic.createDoctors(admin, 10, serviceIds[0], `gateway-${Date.now()}`);
    for (const doctorId of doctors) {
      const rules = (['MONDAY', 'WEDNESDAY', 'FRIDAY'] as const).map((dayOfWeek) => ({
        dayOfWeek,
        startTime: '09:00',
        endTime: '12:00',
        slotMinutes: 15,
      }));
      await clinic.run(SetWeeklyAvailabilityDocument, { doctorId, rules }, admin);
    }
    // A second gateway over the same subgraphs without the public cache: what routing itself costs.
    uncached = await spawnService('gateway', Number(new URL(stack.gatewayUrl).port) + 20, {
      ...stack.env,
      SCHEDULE_CACHE_TTL_MS: '0',
      LOG_LEVEL: 'error',
    });
    const uncachedUrl = `${uncached.url}/graphql`;
    const urlOf = (name: ServiceName) => stack.services.get(name)!.url;
    const post = graphqlPoster(CONNECTIONS);
    const asGateway = async (target: ServiceName) => ({ [CALLER_HEADER]: await callerToken('gateway', target) });
    // The machine's floor for any request: a bare Node HTTP server reading the request and writing the same answer.
    floor = await startFloor();
    const meter = cpuMeter({
      ...Object.fromEntries([...stack.services].map(([name, service]) => [name, service.process.pid])),
      'gateway (no cache)': uncached.process.pid,
      floor: floor.pid,
      bench: process.pid,
    });

    async function measure(label: string, shot: Shot): Promise<{ result: LoadResult; cpu: CpuShare }> {
      await sustain(shot, CONNECTIONS, 1, 3); // warm-up, not counted
      meter.start();
      const result = await sustain(shot, CONNECTIONS, seconds, 0);
      const cpu = meter.share(result.requests, ['bench']);
      console.log(`  ${label}: ${(result.requests / result.seconds).toFixed(0)} req/s, errors ${result.errors}`);
      console.log(`    ${latencyLine('latency', result.latencies)}`);
      console.log(`    CPU ms per request: ${formatShare(cpu, 'total (bench left out)')}`);
      return { result, cpu };
    }

    function compare(
      direct: { result: LoadResult; cpu: CpuShare },
      gateway: { result: LoadResult; cpu: CpuShare },
      label = 'gateway',
    ) {
      const rate = (r: LoadResult) => r.requests / r.seconds;
      console.log(
        `  ${label} / direct: p50 ${(percentile(gateway.result.latencies, 50) / percentile(direct.result.latencies, 50)).toFixed(2)}x, ` +
          `p99 ${(percentile(gateway.result.latencies, 99) / percentile(direct.result.latencies, 99)).toFixed(2)}x, ` +
          `req/s ${(rate(gateway.result) / rate(direct.result)).toFixed(2)}x, CPU per request ${(gateway.cpu.total / direct.cpu.total).toFixed(2)}x`,
      );
    }

    console.log(`\ntrivial query (medicalServices, doctor subgraph), ${CONNECTIONS} connections, ${seconds} s each`);
    const trivialAnswer = await post(urlOf('doctor'), TrivialDocument, {}, await asGateway('doctor'));
    const floorUrl = await floor.answering({ data: trivialAnswer });
    const bare = await measure(
      'floor: a bare Node HTTP server answering the same JSON',
      async () => void (await post(floorUrl, TrivialDocument)),
    );
    const trivialDirect = await measure(
      'straight to the doctor subgraph',
      async () => void (await post(urlOf('doctor'), TrivialDocument, {}, await asGateway('doctor'))),
    );
    const trivialGateway = await measure(
      'through the gateway (public cache on, as clients get it)',
      async () => void (await post(stack.gatewayUrl, TrivialDocument)),
    );
    const trivialRouted = await measure(
      'through a gateway without the public cache (routing alone)',
      async () => void (await post(uncachedUrl, TrivialDocument)),
    );
    compare(trivialDirect, trivialGateway);
    compare(trivialDirect, trivialRouted, 'uncached gateway');
    console.log(
      `  doctor subgraph / floor: req/s ${(trivialDirect.result.requests / trivialDirect.result.seconds / (bare.result.requests / bare.result.seconds)).toFixed(2)}x, CPU per request ${(trivialDirect.cpu.total / bare.cpu.total).toFixed(2)}x`,
    );

    console.log(
      `\nthree-subgraph query (doctors with services, rating, reviewCount, weeklyAvailability), ${CONNECTIONS} connections, ${seconds} s each`,
    );
    const deepDirect = await measure(
      'straight to doctor, then feedback and scheduling (the plan, by the client)',
      async () => {
        const { doctors: found } = await post(urlOf('doctor'), DeepDoctorsDocument, {}, await asGateway('doctor'));
        const representations = found.map(({ __typename, id }) => ({ __typename, id }));
        await Promise.all([
          post(urlOf('feedback'), DeepRatingsDocument, { r: representations }, await asGateway('feedback')),
          post(urlOf('scheduling'), DeepHoursDocument, { r: representations }, await asGateway('scheduling')),
        ]);
      },
    );
    const deepGateway = await measure(
      'through the gateway (public cache on)',
      async () => void (await post(stack.gatewayUrl, DeepDocument)),
    );
    const deepRouted = await measure(
      'through a gateway without the public cache',
      async () => void (await post(uncachedUrl, DeepDocument)),
    );
    compare(deepDirect, deepGateway);
    compare(deepDirect, deepRouted, 'uncached gateway');
  } finally {
    printLoggedErrors(stack);
    await uncached?.stop();
    await floor?.stop();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
