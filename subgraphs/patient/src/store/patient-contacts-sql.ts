import { FieldSealer, NotificationChannel, PatientContactFacts, sqlList, type SqlPool } from '@carebook/platform';
import { SEALED } from '../domain/sealed-columns';

/**
 * The patients' contact cards (the notification workers ask for one with
 * every notice they send) as one plain SQL read of the five columns they
 * need: the entity manager hydrated every column of every patient for it.
 */
export async function patientContactsSql(
  sql: SqlPool,
  sealer: FieldSealer,
  ids: string[],
): Promise<PatientContactFacts[]> {
  if (ids.length === 0) return [];
  const list = sqlList(ids);
  const rows = await sql.rows<{
    id: string;
    name: string;
    email: string;
    phone_sealed: string | null;
    notification_channels: string;
  }>(
    `select id, name, email, phone_sealed, notification_channels from patients where id in (${list.placeholders})`,
    list.values,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    phone: sealer.open(SEALED.phone, row.id, row.phone_sealed),
    notificationChannels: channelsOf(row.notification_channels),
  }));
}

/** The channels column as MikroORM's array type stores it: comma-separated, '' for none. */
function channelsOf(stored: string): NotificationChannel[] {
  return stored === '' ? [] : (stored.split(',') as NotificationChannel[]);
}
