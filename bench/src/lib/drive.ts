import { pool } from './stats';

/** Every client starts at once and books `perClient` slots one after another (client i takes slots i*perClient...). */
export async function drive<C>(
  clients: C[],
  perClient: number,
  slotIds: string[],
  bookOne: (client: C, slotId: string) => Promise<boolean>,
) {
  const latencies: number[] = [];
  let confirmed = 0;
  let unavailable = 0;
  let errors = 0;
  const started = performance.now();
  await pool(clients, clients.length, async (client, i) => {
    for (let round = 0; round < perClient; round++) {
      const t0 = performance.now();
      try {
        if (await bookOne(client, slotIds[(i * perClient + round) % slotIds.length])) confirmed += 1;
        else unavailable += 1;
      } catch (error) {
        errors += 1;
        if (errors <= 3) console.error(String(error).slice(0, 300));
      }
      latencies.push(performance.now() - t0);
    }
  });
  return { latencies, confirmed, unavailable, errors, seconds: (performance.now() - started) / 1000 };
}
