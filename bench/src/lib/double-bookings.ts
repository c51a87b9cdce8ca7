import { createConnection } from 'mysql2/promise';

/**
 * Counted in the stores, not trusted from responses: slots holding more than
 * one confirmed appointment, and confirmed appointments whose slot is not
 * booked for them. A PENDING appointment is not a booking (only the slot's
 * conditional update makes one, and a PENDING whose booking step failed is
 * settled by the reconciler): `settle` waits until none is left first, and
 * how many were left after the last answer is part of the figures.
 */
export async function doubleBookings(
  env: NodeJS.ProcessEnv,
  settleMs = 60_000,
): Promise<{ doubleBookings: number; pendingAtEnd: number; settledAfterMs: number }> {
  const appointments = await createConnection({ uri: env.APPOINTMENT_DB_URL! });
  const scheduling = await createConnection({ uri: env.SCHEDULING_DB_URL! });
  try {
    const pending = async () =>
      Number(
        (
          (await appointments.query("select count(*) as n from appointments where status = 'PENDING'"))[0] as Array<{
            n: number;
          }>
        )[0].n,
      );
    const pendingAtEnd = await pending();
    const started = Date.now();
    while ((await pending()) > 0 && Date.now() - started < settleMs)
      await new Promise((resolve) => setTimeout(resolve, 500));
    const settledAfterMs = Date.now() - started;
    const [shared] = await appointments.query(
      "select count(*) as n from (select slot_id from appointments where status = 'CONFIRMED' group by slot_id having count(*) > 1) t",
    );
    const [active] = await appointments.query("select id, slot_id from appointments where status = 'CONFIRMED'");
    const [booked] = await scheduling.query("select id, appointment_id from slots where status = 'BOOKED'");
    const holder = new Map(
      (booked as Array<{ id: string; appointment_id: string }>).map((s) => [s.id, s.appointment_id]),
    );
    const orphaned = (active as Array<{ id: string; slot_id: string }>).filter(
      (a) => holder.get(a.slot_id) !== a.id,
    ).length;
    return { doubleBookings: Number((shared as Array<{ n: number }>)[0].n) + orphaned, pendingAtEnd, settledAfterMs };
  } finally {
    await appointments.end();
    await scheduling.end();
  }
}

/** ", double bookings 0" plus, when the last answer left PENDING appointments, how many and how soon they were settled. */
export function formatDoubleBookings(count: Awaited<ReturnType<typeof doubleBookings>>): string {
  const settling = count.pendingAtEnd
    ? ` (${count.pendingAtEnd} PENDING after the last answer, settled in ${(count.settledAfterMs / 1000).toFixed(1)} s)`
    : '';
  return `double bookings ${count.doubleBookings}${settling}`;
}
