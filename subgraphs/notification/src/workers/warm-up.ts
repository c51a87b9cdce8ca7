import type { SqlPool } from '@carebook/platform';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Directory } from '../clients/directory';
import type { EmailSender } from '../delivery/email-sender';
import { NotificationKind, NotificationRecipient } from '../entities/notification-enums';
import { calendarInvite } from '../templates/calendar-invite';
import { noticeContent } from '../templates/notice-content';
import { renderEmail } from '../templates/render-notice';

/** A warm-up that cannot finish in this time (SMTP or MariaDB slow to answer) stops waiting: the sends open what is missing. */
const WARM_UP_BUDGET_MS = 3000;

export interface WarmUpParts {
  email: EmailSender;
  sql: SqlPool;
  directory: Directory;
  /** How many connections the sends use at once (the SMTP pool's size). */
  connections: number;
  timeZone: string;
  appUrl: string;
  logger: Logger;
}

/**
 * Readies a worker for a burst of due sends before it takes its first job.
 * A cold stack met the first seconds of a reminder peak with every SMTP and
 * MariaDB connection still to open and every step of a send still to
 * compile, here and in the services it asks, all at once on a saturated
 * CPU: those sends arrived 0.8-1.1 s late where later ones took a few tens
 * of milliseconds (bench:reminders; 0.42 s with this rehearsal, p99 113 ms).
 * What is compiled here lasts until then only because every process keeps
 * its bytecode (keepCompiledCode). Nothing is sent or written.
 */
export async function warmUp(parts: WarmUpParts): Promise<void> {
  const started = Date.now();
  renderEveryNotice(parts.timeZone, parts.appUrl);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), WARM_UP_BUDGET_MS);
  });
  const opened = Promise.all([
    parts.email.warm(),
    parts.sql.warm(parts.connections),
    rehearseLookups(parts.directory),
  ]).then(
    () => 'ready' as const,
    (error: Error) => error,
  );
  const outcome = await Promise.race([opened, budget]).finally(() => clearTimeout(timer));
  if (outcome === 'ready') parts.logger.debug({ ms: Date.now() - started }, 'warmed up');
  else
    parts.logger.warn(
      { err: outcome === 'late' ? `not done in ${WARM_UP_BUDGET_MS} ms` : outcome.message },
      'could not open every connection before the first sends; they will open what is missing',
    );
}

/**
 * The lookups a send makes, for ids that exist nowhere (reads only): the
 * HTTP path here and the routes and statements in the services it asks
 * are compiled before the first real send needs them, in batches of each
 * size a burst's lists are padded to (sqlList).
 */
async function rehearseLookups(directory: Directory): Promise<void> {
  for (let round = 0; round < 3; round++)
    for (let size = 1; size <= 64; size *= 2)
      await Promise.all(
        Array.from({ length: size }, () => {
          const id = randomUUID();
          return Promise.all([directory.appointment(id), directory.patient(id)]);
        }),
      );
  await Promise.all([directory.doctor(randomUUID()), directory.serviceName(randomUUID())]);
}

/** Every kind of notice to each recipient, rendered as a send would (text, HTML and a calendar file), and dropped. */
function renderEveryNotice(timeZone: string, appUrl: string): void {
  const startsAt = new Date(Date.now() + 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 1_800_000);
  for (const kind of Object.values(NotificationKind))
    for (const recipient of Object.values(NotificationRecipient)) {
      const content = noticeContent({
        kind,
        recipient,
        timeZone,
        patientName: 'Warm Up',
        doctorName: 'Dr Warm Up',
        location: 'Main location',
        serviceName: 'Check-up',
        startsAt,
        endsAt,
        previousStartsAt: startsAt,
        offset: '24h',
        invoice: { amount: '0.00', currency: 'EUR', invoiceId: 'warm-up' },
        appointmentId: 'warm-up',
        appUrl,
      });
      const email = renderEmail(content);
      calendarInvite({
        appointmentId: 'warm-up',
        sequence: 0,
        startsAt,
        endsAt,
        summary: content.subject,
        location: null,
        description: email.text,
      });
    }
}
