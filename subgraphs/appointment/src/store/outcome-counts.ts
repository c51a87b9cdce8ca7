import { parseDatabaseUrl } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AppointmentStatus } from '../entities/appointment-status.enum';

/**
 * Closed-appointment counts per status and per quarter hour (UTC) of startsAt:
 * one aggregated query, fine-grained enough that the caller can fold quarters
 * into days, weeks or months of any clinic time zone (all zone offsets in use
 * are whole quarter hours). The only code that differs per store.
 */
export interface QuarterCount {
  /** Quarter hours since the epoch. */
  quarter: number;
  status: AppointmentStatus;
  count: number;
}

export interface OutcomeQuery {
  from: Date;
  to: Date;
  doctorId?: string | null;
}

export const COUNTED_STATUSES = [AppointmentStatus.COMPLETED, AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW];

export type OutcomeCounter = (em: EntityManager, query: OutcomeQuery) => Promise<QuarterCount[]>;

export function outcomeCounterFor(databaseUrl: string): OutcomeCounter {
  return parseDatabaseUrl(databaseUrl).kind === 'mongodb' ? countInMongo : countInMysql;
}

/** What each store's entity manager offers beyond the common one (MySQL's connection, MongoDB's aggregate). */
interface SqlManager {
  getConnection(): { execute(sql: string, params: unknown[]): Promise<unknown> };
}
interface MongoManager {
  aggregate(entityName: string, pipeline: unknown[]): Promise<unknown>;
}

const countInMysql: OutcomeCounter = async (em, { from, to, doctorId }) => {
  // Arithmetic on the stored UTC value: no session time zone or zone tables involved.
  const sql = `select status, floor(timestampdiff(minute, '1970-01-01 00:00:00', starts_at) / 15) as quarter, count(*) as n
    from appointments where starts_at >= ? and starts_at < ? and status in (?, ?, ?)${doctorId ? ' and doctor_id = ?' : ''}
    group by status, quarter`;
  const params: unknown[] = [from, to, ...COUNTED_STATUSES, ...(doctorId ? [doctorId] : [])];
  const rows = (await (em as unknown as SqlManager).getConnection().execute(sql, params)) as Array<{
    status: AppointmentStatus;
    quarter: number | string;
    n: number | string;
  }>;
  return rows.map((r) => ({ status: r.status, quarter: Number(r.quarter), count: Number(r.n) }));
};

const countInMongo: OutcomeCounter = async (em, { from, to, doctorId }) => {
  const match: Record<string, unknown> = { startsAt: { $gte: from, $lt: to }, status: { $in: COUNTED_STATUSES } };
  if (doctorId) match.doctorId = doctorId;
  const rows = (await (em as unknown as MongoManager).aggregate('Appointment', [
    { $match: match },
    {
      $group: {
        _id: { status: '$status', quarter: { $floor: { $divide: [{ $toLong: '$startsAt' }, 900_000] } } },
        n: { $sum: 1 },
      },
    },
  ])) as Array<{ _id: { status: AppointmentStatus; quarter: number }; n: number }>;
  return rows.map((r) => ({ status: r._id.status, quarter: Number(r._id.quarter), count: Number(r.n) }));
};
