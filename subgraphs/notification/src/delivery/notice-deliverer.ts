import { AppointmentFacts, NotificationChannel } from '@carebook/platform';
import type { Logger } from 'pino';
import { NotificationKind, NotificationRecipient, NotificationStatus } from '../entities/notification-enums';
import type { Directory } from '../clients/directory';
import type { NoticeKey, NotificationLogStore } from '../store/notification-log-store';
import { ClaimLost, messageIdOf } from '../store/notification-log-store';
import { calendarInvite } from '../templates/calendar-invite';
import { NoticeContent, NoticeFacts, noticeContent } from '../templates/notice-content';
import { renderEmail } from '../templates/render-notice';
import type { SendJob } from '../workers/notice-scheduler';
import type { EmailSender } from './email-sender';
import type { SendSlots } from './send-slots';
import type { SmsProvider } from './sms-provider';

export interface DelivererDeps {
  store: NotificationLogStore;
  directory: Directory;
  email: EmailSender;
  sms: SmsProvider;
  timeZone: string;
  /** The patient web app's address (APP_URL), for the links in emails. */
  appUrl: string;
  logger: Logger;
  /** A message handed over longer ago than this without a recorded answer was sent by a try that died (sends time out well before). */
  claimTimeoutMs: number;
  /** Sends in progress per channel: as many as there are SMTP connections, and a bound on SMS requests. */
  emailSlots: SendSlots;
  smsSlots: SendSlots;
}

/** A notice another try is completing: look again at `notBefore` (not a failed attempt). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly notBefore: Date,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

/**
 * Sends one notice on each of its channels. Each channel is claimed in the
 * log before the message leaves, and marked SENT right after, so a repeated
 * job (retry, duplicate delivery, stalled job) sends only what is still
 * QUEUED. Reminders are re-checked against the appointment first: a moved or
 * cancelled appointment gets no stale reminder.
 */
export class NoticeDeliverer {
  constructor(private readonly deps: DelivererDeps) {}

  async deliver(job: SendJob, lastAttempt: boolean): Promise<void> {
    const { store, directory } = this.deps;
    const facts = await this.currentFacts(job);
    if (!facts) return;
    const toDoctor = job.recipient === NotificationRecipient.DOCTOR;
    const [patient, doctor, serviceName, doctorEmail] = await Promise.all([
      directory.patient(facts.patientId),
      directory.doctor(toDoctor ? job.recipientId : facts.doctorId),
      directory.serviceName(facts.serviceId),
      toDoctor ? directory.userEmail(job.recipientId) : null,
    ]);
    const channels = toDoctor
      ? [NotificationChannel.EMAIL]
      : ((patient?.notificationChannels ?? job.channels) as NotificationChannel[]);
    if (channels.some((c) => !job.channels.includes(c)) || job.channels.some((c) => !channels.includes(c))) {
      await store.skipQueued(
        {
          appointmentId: job.appointmentId,
          kind: job.kind,
          recipient: job.recipient,
          occurrence: job.occurrence,
          offset: job.offset,
          exceptChannels: channels,
        },
        'channel no longer chosen by the patient',
      );
    }
    const noticeFacts: NoticeFacts = {
      kind: job.kind,
      recipient: job.recipient,
      // The appointment's place as booked; appointments from before locations: CLINIC_TIME_ZONE and the doctor's practice.
      timeZone: facts.place?.timeZone || this.deps.timeZone,
      patientName: patient?.name ?? 'patient',
      doctorName: doctor?.name ?? 'your doctor',
      location: placeText(facts.place) ?? doctor?.location ?? null,
      serviceName: serviceName ?? 'your appointment',
      startsAt: new Date(facts.startsAt),
      endsAt: new Date(facts.endsAt),
      previousStartsAt: job.previousStartsAt ? new Date(job.previousStartsAt) : null,
      offset: job.offset,
      invoice: job.invoice ?? null,
      appointmentId: job.appointmentId,
      appUrl: this.deps.appUrl,
      unavailability: job.unavailability ? await this.offeredTimes(job.unavailability) : null,
    };
    const content = noticeContent(noticeFacts);
    const address = (channel: NotificationChannel) =>
      channel === NotificationChannel.SMS
        ? toDoctor
          ? null
          : patient?.phone
        : toDoctor
          ? doctorEmail
          : patient?.email;

    let failure: Error | null = null;
    for (const channel of channels) {
      const key: NoticeKey = { ...job, channel };
      const to = address(channel);
      if (!to) {
        const reason = channel === NotificationChannel.SMS ? 'no phone number on file' : 'no email address on file';
        await store.skip(key, job.recipientId, new Date(job.scheduledFor), reason);
        continue;
      }
      const slots = channel === NotificationChannel.EMAIL ? this.deps.emailSlots : this.deps.smsSlots;
      const transmit = this.transmitter(key, to, job, content, noticeFacts);
      const outcome = await slots.run(() => this.sendOne(key, job, transmit, lastAttempt));
      // A real failure wins over "another try is on it": it is what the retry (with backoff) is for.
      if (outcome && (!failure || failure instanceof RetryLater)) failure = outcome;
    }
    if (failure) throw failure;
  }

  /** Claim, hand over, mark: the claim is taken only once a connection is free (see SendSlots). */
  private async sendOne(key: NoticeKey, job: SendJob, transmit: Transmit, lastAttempt: boolean): Promise<Error | null> {
    const { store } = this.deps;
    const claim = await store.claim(key, job.recipientId, new Date(job.scheduledFor));
    let token: string;
    if (claim.claimed) token = claim.token;
    else if (claim.status !== NotificationStatus.SENDING) return null;
    else {
      const taken = await this.leftClaim(key, claim.handedOverAt);
      if (typeof taken !== 'string') return taken;
      token = taken;
    }
    let takenOver = false;
    const handOver = () =>
      store.handedOver(key, token).catch((error: unknown) => {
        takenOver = error instanceof ClaimLost;
        throw error;
      });
    try {
      await transmit(handOver);
    } catch (error) {
      // Taken over by another try: that one sends; this message was cut off before completion.
      if (takenOver) return null;
      const message = (error as Error).message ?? String(error);
      await store.failed(key, token, message, lastAttempt);
      // Ids and the error only: the message of an SMTP refusal can name the address, so it goes to the log row, not the process log.
      this.deps.logger.warn(
        {
          appointmentId: job.appointmentId,
          kind: job.kind,
          channel: key.channel,
          final: lastAttempt,
          code:
            (error as { responseCode?: number; status?: number }).responseCode ?? (error as { status?: number }).status,
        },
        'send failed',
      );
      return error as Error;
    }
    await store.sent(key, token);
    return null;
  }

  /** The message for one channel, ready to hand over (rendered before the claim, so the claim is held only while sending). */
  private transmitter(key: NoticeKey, to: string, job: SendJob, content: NoticeContent, facts: NoticeFacts): Transmit {
    // An HTTP request has no "before the final dot": an SMS is marked handed over before it is posted (at most once).
    if (key.channel === NotificationChannel.SMS)
      return async (handOver) => (
        await handOver(),
        await this.deps.sms.send(to, content.sms, `${job.kind}:${job.appointmentId}`)
      );
    const email = renderEmail(content);
    const invite =
      job.recipient === NotificationRecipient.PATIENT &&
      (job.kind === NotificationKind.CONFIRMATION || job.kind === NotificationKind.RESCHEDULE);
    const attachments = invite
      ? [
          {
            filename: 'appointment.ics',
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: calendarInvite({
              appointmentId: job.appointmentId,
              sequence: job.sequence ?? 0,
              startsAt: facts.startsAt,
              endsAt: facts.endsAt,
              summary: `${facts.serviceName} with ${facts.doctorName}`,
              location: facts.location,
              description: email.text,
            }),
          },
        ]
      : undefined;
    return (handOver) => this.deps.email.send({ to, ...email, messageId: messageIdOf(key), attachments }, handOver);
  }

  /** The alternatives of a cancellation by the clinic, with their doctors' names (looked up now, as every name in a notice). */
  private async offeredTimes(
    unavailability: NonNullable<SendJob['unavailability']>,
  ): Promise<NonNullable<NoticeFacts['unavailability']>> {
    const alternatives = await Promise.all(
      unavailability.alternatives.map(async (option) => ({
        startsAt: new Date(option.startsAt),
        doctorName: (await this.deps.directory.doctor(option.doctorId))?.name ?? 'another doctor',
      })),
    );
    return { cause: unavailability.cause, alternatives };
  }

  /** What the notice is about, now. Reminders only go out for a still-confirmed appointment at the time they remind of. */
  private async currentFacts(job: SendJob): Promise<AppointmentFacts | null> {
    if (job.kind !== NotificationKind.REMINDER && job.facts) return job.facts;
    const current = await this.deps.directory.appointment(job.appointmentId);
    if (!current) {
      await this.deps.store.skipQueued(
        {
          appointmentId: job.appointmentId,
          kind: job.kind,
          recipient: job.recipient,
          occurrence: job.occurrence,
          offset: job.offset,
        },
        'appointment not found',
      );
      return null;
    }
    if (job.kind === NotificationKind.REMINDER) {
      const stale =
        current.status !== 'CONFIRMED'
          ? `appointment is ${current.status.toLowerCase()}`
          : new Date(current.startsAt).toISOString() !== job.occurrence
            ? 'appointment moved'
            : null;
      if (stale) {
        await this.deps.store.skipQueued(
          { appointmentId: job.appointmentId, kind: job.kind, occurrence: job.occurrence, offset: job.offset },
          stale,
        );
        return null;
      }
    }
    return current;
  }

  /**
   * Found SENDING: another try holds the claim. If its message is not
   * complete yet, this try takes the claim over (only the current holder can
   * complete a message, and the server drops an incomplete one). If it is
   * complete, delivery is in doubt: wait for the holder to record the
   * answer, and once that has had time enough, the holder is dead and
   * never-twice wins (FAILED, "interrupted").
   */
  private async leftClaim(key: NoticeKey, handedOverAt: Date | null): Promise<string | Error | null> {
    if (!handedOverAt) return this.deps.store.reclaim(key);
    const settledBy = handedOverAt.getTime() + this.deps.claimTimeoutMs;
    if (settledBy > Date.now())
      return new RetryLater('another try is completing this notice', new Date(settledBy + 1000));
    await this.deps.store.abandon(key, new Date(Date.now() - this.deps.claimTimeoutMs));
    return null;
  }
}

/** The location as a notice names it: its name and address; none while the location has no address (the default one at first). */
function placeText(place: AppointmentFacts['place']): string | null {
  return place?.address ? `${place.locationName}, ${place.address}` : null;
}

/** Hands one message over; calls `handOver` at the last moment before the recipient's side accepts it. */
type Transmit = (handOver: () => Promise<void>) => Promise<void>;
