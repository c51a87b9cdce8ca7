import { NotificationChannel, type SqlPool } from '@carebook/platform';
import { createHash, randomUUID } from 'node:crypto';
import { NotificationKind, NotificationStatus } from '../entities/notification-enums';
import type { Notice } from '../domain/notice-plan';

/** The unique key of a log row: one notice on one channel. */
export type NoticeKey = Pick<Notice, 'appointmentId' | 'kind' | 'recipient' | 'offset' | 'occurrence'> & {
  channel: NotificationChannel;
};

export type Claim =
  { claimed: true; token: string } | { claimed: false; status: NotificationStatus; handedOverAt: Date | null };

const KEY_WHERE =
  'appointment_id = ? and kind = ? and recipient = ? and channel = ? and reminder_offset = ? and occurrence = ?';
const keyParams = (k: NoticeKey) => [k.appointmentId, k.kind, k.recipient, k.channel, k.offset, k.occurrence];
const COLUMNS =
  '(id, appointment_id, kind, recipient, channel, reminder_offset, occurrence, recipient_id, status, attempts, scheduled_for, claimed_at, claim_token, last_error, created_at, updated_at)';

/** A stable Message-ID per notice, so a receiving system can tell a repeat of the same notice. */
export function messageIdOf(key: NoticeKey): string {
  return `<${createHash('sha256').update(keyParams(key).join('|')).digest('hex').slice(0, 32)}@carebook>`;
}

/** The claim was taken over by another try: this one must not complete its message. */
export class ClaimLost extends Error {
  constructor() {
    super('the send claim was taken over by another try; this message is not completed');
    this.name = 'ClaimLost';
  }
}

/** Raw queries may return DATETIME as text (stored in UTC). */
function utcDate(value: Date | string | null): Date | null {
  if (value === null || value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
}

function isDuplicate(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; name?: string };
  return e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062 || e?.name === 'UniqueConstraintViolationException';
}

/**
 * The NotificationLog as the worker writes it, in plain SQL: a send costs two
 * small statements (claim, then sent), the claim being a conditional update
 * on the unique row, so two tries of one notice can never both send.
 */
export class NotificationLogStore {
  /** On the service's plain SQL pool (platform's openSqlPool): prepared statements, no entity manager per call. */
  constructor(private readonly sql: SqlPool) {}

  private async run(sql: string, params: unknown[]): Promise<{ affectedRows: number }> {
    return { affectedRows: await this.sql.run(sql, params) };
  }

  /**
   * Records planned notices as QUEUED; rows that exist already are left as
   * they are, except that a reminder skipped earlier is queued again (an
   * appointment moved away and back to the same time is reminded of again).
   */
  async plan(rows: Array<NoticeKey & { recipientId: string; scheduledFor: Date }>): Promise<void> {
    if (rows.length === 0) return;
    const now = new Date();
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await this.run(
        `insert into notification_logs ${COLUMNS} values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, null, null, null, ?, ?)').join(', ')}
         on duplicate key update status = if(status = ? and kind = ?, ?, status)`,
        [
          ...chunk.flatMap((r) => [
            randomUUID(),
            ...keyParams(r),
            r.recipientId,
            NotificationStatus.QUEUED,
            r.scheduledFor,
            now,
            now,
          ]),
          NotificationStatus.SKIPPED,
          NotificationKind.REMINDER,
          NotificationStatus.QUEUED,
        ],
      );
    }
  }

  /**
   * Takes the notice for this try: QUEUED (or never planned) becomes SENDING
   * under a fresh token. Anything else is settled, or someone else's.
   */
  async claim(key: NoticeKey, recipientId: string, scheduledFor: Date): Promise<Claim> {
    const now = new Date();
    const token = randomUUID();
    const updated = await this.run(
      `update notification_logs set status = ?, attempts = attempts + 1, claimed_at = ?, claim_token = ?, handed_over_at = null, updated_at = ? where ${KEY_WHERE} and status = ?`,
      [NotificationStatus.SENDING, now, token, now, ...keyParams(key), NotificationStatus.QUEUED],
    );
    if (updated.affectedRows === 1) return { claimed: true, token };
    try {
      await this.run(
        `insert into notification_logs ${COLUMNS} values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, null, ?, ?)`,
        [randomUUID(), ...keyParams(key), recipientId, NotificationStatus.SENDING, scheduledFor, now, token, now, now],
      );
      return { claimed: true, token };
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
    const [row] = await this.sql.rows<{ status: NotificationStatus; handed_over_at: Date | string | null }>(
      `select status, handed_over_at from notification_logs where ${KEY_WHERE}`,
      keyParams(key),
    );
    return { claimed: false, status: row.status, handedOverAt: utcDate(row.handed_over_at) };
  }

  /**
   * Takes over a claim whose message is not complete yet, whoever holds it
   * (a dead worker, or a duplicate try): the old holder can no longer
   * complete it (its token is void), and an incomplete message is dropped by
   * the server, so exactly one try can ever deliver.
   */
  async reclaim(key: NoticeKey): Promise<string | null> {
    const now = new Date();
    const token = randomUUID();
    const updated = await this.run(
      `update notification_logs set attempts = attempts + 1, claimed_at = ?, claim_token = ?, updated_at = ? where ${KEY_WHERE} and status = ? and handed_over_at is null`,
      [now, token, now, ...keyParams(key), NotificationStatus.SENDING],
    );
    return updated.affectedRows === 1 ? token : null;
  }

  /** The message is complete but for its final ".": from here on a crash leaves delivery in doubt. Refused if the claim was taken over. */
  async handedOver(key: NoticeKey, token: string): Promise<void> {
    const now = new Date();
    const updated = await this.run(
      `update notification_logs set handed_over_at = ?, updated_at = ? where ${KEY_WHERE} and status = ? and claim_token = ?`,
      [now, now, ...keyParams(key), NotificationStatus.SENDING, token],
    );
    if (updated.affectedRows !== 1) throw new ClaimLost();
  }

  async sent(key: NoticeKey, token: string): Promise<void> {
    const now = new Date();
    await this.run(
      `update notification_logs set status = ?, sent_at = ?, last_error = null, updated_at = ? where ${KEY_WHERE} and claim_token = ?`,
      [NotificationStatus.SENT, now, now, ...keyParams(key), token],
    );
  }

  /** A failed try: back to QUEUED for the next one, or FAILED when it was the last. */
  async failed(key: NoticeKey, token: string, error: string, final: boolean): Promise<void> {
    await this.run(
      `update notification_logs set status = ?, last_error = ?, updated_at = ? where ${KEY_WHERE} and status = ? and claim_token = ?`,
      [
        final ? NotificationStatus.FAILED : NotificationStatus.QUEUED,
        error.slice(0, 500),
        new Date(),
        ...keyParams(key),
        NotificationStatus.SENDING,
        token,
      ],
    );
  }

  /** A try died after completing the message, before the server's answer was recorded: whether it went out is unknown, so it is not sent again. */
  async abandon(key: NoticeKey, handedOverBefore: Date): Promise<void> {
    await this.run(
      `update notification_logs set status = ?, last_error = ?, updated_at = ? where ${KEY_WHERE} and status = ? and handed_over_at < ?`,
      [
        NotificationStatus.FAILED,
        'interrupted while sending: it may or may not have been delivered, and is not sent again so that it is never sent twice',
        new Date(),
        ...keyParams(key),
        NotificationStatus.SENDING,
        handedOverBefore,
      ],
    );
  }

  /** Nothing to send on this channel (no phone number, no longer due): SKIPPED with the reason, unless already settled. */
  async skip(key: NoticeKey, recipientId: string, scheduledFor: Date, reason: string): Promise<void> {
    const now = new Date();
    await this.run(
      `insert into notification_logs ${COLUMNS} values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, null, null, ?, ?, ?)
       on duplicate key update last_error = if(status = ?, values(last_error), last_error), updated_at = if(status = ?, values(updated_at), updated_at), status = if(status = ?, values(status), status)`,
      [
        randomUUID(),
        ...keyParams(key),
        recipientId,
        NotificationStatus.SKIPPED,
        scheduledFor,
        reason,
        now,
        now,
        NotificationStatus.QUEUED,
        NotificationStatus.QUEUED,
        NotificationStatus.QUEUED,
      ],
    );
  }

  /** Offsets of the reminders still queued for an appointment (they may predate a change of REMINDER_OFFSETS). */
  async queuedReminderOffsets(appointmentId: string): Promise<string[]> {
    const rows = await this.sql.rows<{ reminder_offset: string }>(
      'select distinct reminder_offset from notification_logs where appointment_id = ? and kind = ? and status = ?',
      [appointmentId, NotificationKind.REMINDER, NotificationStatus.QUEUED],
    );
    return rows.map((r) => r.reminder_offset);
  }

  /** Skips every still-queued row of a notice (all channels), e.g. a reminder of an appointment that moved. */
  async skipQueued(
    where: {
      appointmentId: string;
      kind?: string;
      recipient?: string;
      occurrence?: string;
      offset?: string;
      exceptChannels?: string[];
    },
    reason: string,
  ): Promise<void> {
    const clauses = ['appointment_id = ?', 'status = ?'];
    const params: unknown[] = [where.appointmentId, NotificationStatus.QUEUED];
    if (where.kind) {
      clauses.push('kind = ?');
      params.push(where.kind);
    }
    if (where.recipient) {
      clauses.push('recipient = ?');
      params.push(where.recipient);
    }
    if (where.occurrence) {
      clauses.push('occurrence = ?');
      params.push(where.occurrence);
    }
    if (where.offset !== undefined) {
      clauses.push('reminder_offset = ?');
      params.push(where.offset);
    }
    if (where.exceptChannels?.length) {
      clauses.push(`channel not in (${where.exceptChannels.map(() => '?').join(', ')})`);
      params.push(...where.exceptChannels);
    }
    await this.run(
      `update notification_logs set status = ?, last_error = ?, updated_at = ? where ${clauses.join(' and ')}`,
      [NotificationStatus.SKIPPED, reason, new Date(), ...params],
    );
  }
}
