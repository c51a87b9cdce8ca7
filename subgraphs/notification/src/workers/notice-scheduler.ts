import { NotificationChannel } from '@carebook/platform';
import type { JobsOptions, Queue } from 'bullmq';
import { NotificationKind, NotificationRecipient } from '../entities/notification-enums';
import type { Notice, NoticePlan } from '../domain/notice-plan';
import type { Directory } from '../clients/directory';
import type { NotificationLogStore } from '../store/notification-log-store';
import { reminderJobId, sendJobId } from './notification-queues';

export interface RetryPolicy {
  attempts: number;
  delayMs: number;
}

/** A notice with the channels it goes out on, as the send job carries it. */
export type SendJob = Notice & { channels: NotificationChannel[] };

/**
 * Turns a plan into log rows and jobs: rows first (QUEUED, visible in
 * Appointment.notifications), then the jobs, whose deterministic ids make a
 * replayed event add nothing new. Reminders are delayed jobs; a change of the
 * appointment removes them before the new ones are added.
 */
export class NoticeScheduler {
  constructor(
    private readonly store: NotificationLogStore,
    private readonly directory: Directory,
    private readonly queue: Queue,
    private readonly retry: RetryPolicy,
    private readonly configuredOffsets: () => string[],
  ) {}

  async apply(plan: NoticePlan): Promise<void> {
    if (plan.dropRemindersOf) await this.dropReminders(plan.dropRemindersOf, plan.dropReason ?? 'no longer due');
    await this.schedule([...plan.notices, ...plan.reminders]);
  }

  /** Records and enqueues notices (the benchmark schedules its reminders through here too). */
  async schedule(notices: Notice[]): Promise<void> {
    if (notices.length === 0) return;
    const jobs: SendJob[] = await Promise.all(
      notices.map(async (notice) => ({ ...notice, channels: await this.channelsOf(notice) })),
    );
    await this.store.plan(
      jobs.flatMap((job) =>
        job.channels.map((channel) => ({ ...job, channel, scheduledFor: new Date(job.scheduledFor) })),
      ),
    );
    const now = Date.now();
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: job.kind,
        data: job,
        opts: {
          jobId: sendJobId(job),
          delay: Math.max(0, Date.parse(job.scheduledFor) - now),
          attempts: this.retry.attempts,
          backoff: { type: 'exponential', delay: this.retry.delayMs },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        } satisfies JobsOptions,
      })),
    );
  }

  /**
   * Removes the appointment's pending reminder jobs and marks their rows
   * SKIPPED. A reminder being sent right now cannot be removed: the event is
   * then retried a moment later, when that send has finished (and the send
   * itself re-checks the appointment, so it never reminds of a stale time).
   */
  async dropReminders(appointmentId: string, reason: string): Promise<void> {
    const offsets = new Set([...this.configuredOffsets(), ...(await this.store.queuedReminderOffsets(appointmentId))]);
    for (const offset of offsets) {
      const id = reminderJobId(appointmentId, offset);
      await this.queue.remove(id);
      const left = await this.queue.getJob(id);
      if (left) throw new Error(`reminder ${id} is being sent; its change is applied on the next try`);
    }
    await this.store.skipQueued({ appointmentId, kind: NotificationKind.REMINDER }, reason);
  }

  /** Doctors hear by email; patients on the channels they chose (email when the profile is gone). */
  private async channelsOf(notice: Notice): Promise<NotificationChannel[]> {
    if (notice.recipient === NotificationRecipient.DOCTOR) return [NotificationChannel.EMAIL];
    const patient = await this.directory.patient(notice.recipientId);
    const chosen = (patient?.notificationChannels ?? [NotificationChannel.EMAIL]) as NotificationChannel[];
    return chosen.length ? chosen : [NotificationChannel.EMAIL];
  }
}
