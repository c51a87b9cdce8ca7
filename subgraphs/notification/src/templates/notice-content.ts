import { DateTime } from 'luxon';
import { NotificationKind, NotificationRecipient } from '../entities/notification-enums';

/** What a notice says, gathered at send time. Times are instants; they are shown in the clinic's zone. */
export interface NoticeFacts {
  kind: NotificationKind;
  recipient: NotificationRecipient;
  timeZone: string;
  patientName: string;
  doctorName: string;
  location: string | null;
  serviceName: string;
  startsAt: Date;
  endsAt: Date;
  previousStartsAt?: Date | null;
  /** Reminders: how long before, as configured (`24h`). */
  offset?: string;
  invoice?: { amount: string; currency: string; invoiceId: string } | null;
}

/** A notice as paragraphs, rendered once to plain text and once to HTML (templates/render-notice). */
export interface NoticeContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Short enough for one or two SMS segments. */
  sms: string;
}

export function when(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("cccc d LLLL yyyy 'at' HH:mm (ZZZZ)");
}

function shortWhen(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("ccc d LLL HH:mm");
}

function offsetInWords(offset: string): string {
  const units: Record<string, string> = { d: 'day', h: 'hour', m: 'minute', s: 'second' };
  return [...offset.matchAll(/(\d+)([dhms])/g)].map(([, n, u]) => `${n} ${units[u]}${n === '1' ? '' : 's'}`).join(' ');
}

/** The wording of each kind of notice, to the patient or to the doctor. */
export function noticeContent(f: NoticeFacts): NoticeContent {
  const at = when(f.startsAt, f.timeZone);
  const short = shortWhen(f.startsAt, f.timeZone);
  const place = f.location ? ` at ${f.location}` : '';
  const visit = `${f.serviceName} with ${f.doctorName}`;
  const toDoctor = f.recipient === NotificationRecipient.DOCTOR;
  const greeting = toDoctor ? `Dear ${f.doctorName},` : `Dear ${f.patientName},`;
  switch (f.kind) {
    case NotificationKind.CONFIRMATION:
      return {
        subject: `Appointment confirmed: ${visit}, ${short}`,
        greeting,
        paragraphs: [
          `Your appointment is confirmed: ${visit} on ${at}${place}.`,
          'The attached calendar file adds it to your calendar. If you cannot come, please cancel or reschedule it in Carebook so someone else can have the time.',
        ],
        sms: `Carebook: confirmed ${visit}, ${short}${place}.`,
      };
    case NotificationKind.RESCHEDULE: {
      const from = f.previousStartsAt ? ` (was ${when(f.previousStartsAt, f.timeZone)})` : '';
      return toDoctor
        ? {
            subject: `Appointment moved: ${f.patientName}, now ${short}`,
            greeting,
            paragraphs: [`The appointment of ${f.patientName} for ${f.serviceName} has moved to ${at}${from}.`],
            sms: `Carebook: ${f.patientName} moved to ${short}.`,
          }
        : {
            subject: `Appointment moved: ${visit}, now ${short}`,
            greeting,
            paragraphs: [`Your appointment for ${visit} has moved to ${at}${place}${from}.`, 'The attached calendar file updates your calendar.'],
            sms: `Carebook: your appointment (${visit}) is now ${short}${place}.`,
          };
    }
    case NotificationKind.CANCELLATION:
      return toDoctor
        ? {
            subject: `Appointment cancelled: ${f.patientName}, ${short}`,
            greeting,
            paragraphs: [`The appointment of ${f.patientName} for ${f.serviceName} on ${at} is cancelled; the time is free again.`],
            sms: `Carebook: ${f.patientName} on ${short} cancelled.`,
          }
        : {
            subject: `Appointment cancelled: ${visit}, ${short}`,
            greeting,
            paragraphs: [`Your appointment for ${visit} on ${at} is cancelled.`, 'You can book a new time in Carebook whenever it suits you.'],
            sms: `Carebook: your appointment (${visit}) on ${short} is cancelled.`,
          };
    case NotificationKind.REMINDER:
      return {
        subject: `Reminder: ${visit}, ${short}`,
        greeting,
        paragraphs: [
          `A reminder of your appointment in ${offsetInWords(f.offset ?? '')}: ${visit} on ${at}${place}.`,
          'If you cannot come, please cancel it in Carebook.',
        ],
        sms: `Carebook reminder: ${visit}, ${short}${place}.`,
      };
    case NotificationKind.INVOICE: {
      const amount = `${f.invoice?.amount ?? ''} ${f.invoice?.currency ?? ''}`.trim();
      return {
        subject: `Invoice for ${visit}: ${amount}`,
        greeting,
        paragraphs: [
          `Your invoice for ${visit} on ${at} is ${amount}.`,
          'You can pay it in Carebook under My invoices, by card, in cash at the front desk, or through your insurance.',
        ],
        sms: `Carebook: invoice of ${amount} for your visit on ${short}. Pay under My invoices.`,
      };
    }
    case NotificationKind.FEEDBACK_REQUEST:
      return {
        subject: `How was your visit? ${visit}`,
        greeting,
        paragraphs: [`Thank you for coming to your appointment for ${visit} on ${at}.`, 'Tell us how it went: rate the visit in Carebook under My appointments. It takes a minute.'],
        sms: `Carebook: how was your visit (${visit}, ${short})? Rate it under My appointments.`,
      };
  }
}
