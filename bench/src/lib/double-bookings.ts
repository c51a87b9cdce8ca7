import { createConnection } from 'mysql2/promise';

/**
 * Counted in the stores, not trusted from responses: slots holding more than
 * one active appointment, and active appointments whose slot is not booked
 * for them.
 */
export async function doubleBookings(env: NodeJS.ProcessEnv): Promise<number> {
  const appointments = await createConnection({ uri: env.APPOINTMENT_DB_URL! });
  const scheduling = await createConnection({ uri: env.SCHEDULING_DB_URL! });
  try {
    const [shared] = await appointments.query(
      "select count(*) as n from (select slot_id from appointments where status in ('PENDING','CONFIRMED') group by slot_id having count(*) > 1) t",
    );
    const [active] = await appointments.query("select id, slot_id from appointments where status = 'CONFIRMED'");
    const [booked] = await scheduling.query("select id, appointment_id from slots where status = 'BOOKED'");
    const holder = new Map((booked as Array<{ id: string; appointment_id: string }>).map((s) => [s.id, s.appointment_id]));
    const orphaned = (active as Array<{ id: string; slot_id: string }>).filter((a) => holder.get(a.slot_id) !== a.id).length;
    return Number((shared as Array<{ n: number }>)[0].n) + orphaned;
  } finally {
    await appointments.end();
    await scheduling.end();
  }
}
