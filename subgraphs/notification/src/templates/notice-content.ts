import { DateTime } from 'luxon';
import { NotificationKind, NotificationRecipient } from '../entities/notification-enums';

/** What a notice says, gathered at send time. Times are instants; they are shown in the zone of the appointment's location, named. */
export interface NoticeFacts {
  kind: NotificationKind;
  recipient: NotificationRecipient;
  /** The appointment's location's zone (CLINIC_TIME_ZONE for the default location). */
  timeZone: string;
  patientName: string;
  doctorName: string;
  /** Where: the location's name and address (or, at the default location without an address, the doctor's practice). */
  location: string | null;
  serviceName: string;
  startsAt: Date;
  endsAt: Date;
  previousStartsAt?: Date | null;
  /** Reminders: how long before, as configured (`24h`). */
  offset?: string;
  invoice?: { amount: string; currency: string; invoiceId: string } | null;
  appointmentId: string;
  /** The patient web app's address (APP_URL): emails link into it. */
  appUrl: string;
  /** Cancelled by the clinic because the doctor is away (or the clinic closed), with times the patient could book instead. */
  unavailability?: {
    cause: 'TIME_OFF' | 'CLINIC_CLOSED';
    alternatives: Array<{ startsAt: Date; doctorName: string }>;
  } | null;
}

/** A notice as paragraphs, rendered once to plain text and once to HTML (templates/render-notice). */
export interface NoticeContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Short enough for one or two SMS segments. */
  sms: string;
  /** Where in the patient app to act on it (emails to patients). */
  link?: { label: string; url: string };
}

/** The app's pages the notices point at (see clients/web/src/app.tsx). */
export function appLinks(appUrl: string, appointmentId: string) {
  const base = appUrl.replace(/\/+$/, '');
  return {
    appointment: `${base}/appointments/${encodeURIComponent(appointmentId)}`,
    feedback: `${base}/appointments/${encodeURIComponent(appointmentId)}/feedback`,
    invoice: (invoiceId: string) => `${base}/invoices/${encodeURIComponent(invoiceId)}`,
    booking: `${base}/`,
  };
}

export function when(instant: Date, zone: string): string {
  // The offset's short name and the zone's own name: "10:00 (GMT+2, Europe/Berlin)", readable wherever the reader is.
  const local = DateTime.fromJSDate(instant, { zone });
  const offsetName = local.toFormat('ZZZZ');
  return `${local.toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${offsetName === zone ? zone : `${offsetName}, ${zone}`})`;
}

function shortWhen(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('ccc d LLL HH:mm ZZZZ');
}

function offsetInWords(offset: string): string {
  const units: Record<string, string> = { d: 'day', h: 'hour', m: 'minute', s: 'second' };
  return [...offset.matchAll(/(\d+)([dhms])/g)].map(([, n, u]) => `${n} ${units[u]}${n === '1' ? '' : 's'}`).join(' ');
}

/**
 * The clinic cancelled (the doctor is away, or the clinic is closed): say why,
 * apologise, and offer the free times found for the patient, with the booking link.
 */
function clinicCancellation(
  f: NoticeFacts,
  visit: string,
  at: string,
  short: string,
  bookingUrl: string,
  greeting: string,
): NoticeContent {
  const unavailability = f.unavailability!;
  const why =
    unavailability.cause === 'CLINIC_CLOSED'
      ? 'the clinic is closed that day'
      : `${f.doctorName} is not available at that time`;
  const options = unavailability.alternatives.map(
    (option) => `${when(option.startsAt, f.timeZone)} with ${option.doctorName}`,
  );
  return {
    subject: `Appointment cancelled by the clinic: ${visit}, ${short}`,
    greeting,
    paragraphs: [
      `We are sorry: your appointment for ${visit} on ${at} is cancelled because ${why}.`,
      options.length
        ? `These times were free when we wrote; book one of them (or any other) in Carebook: ${options.join('; ')}.`
        : 'Please book a new time in Carebook whenever it suits you.',
    ],
    sms: `Carebook: sorry, your appointment (${visit}) on ${short} is cancelled: ${why}.${options.length ? ` Free instead: ${unavailability.alternatives.map((o) => shortWhen(o.startsAt, f.timeZone)).join(', ')}.` : ''} Rebook in Carebook.`,
    link: { label: 'Book a new time', url: bookingUrl },
  };
}

/** The wording of each kind of notice, to the patient or to the doctor. */
export function noticeContent(f: NoticeFacts): NoticeContent {
  const at = when(f.startsAt, f.timeZone);
  const short = shortWhen(f.startsAt, f.timeZone);
  const place = f.location ? ` at ${f.location}` : '';
  const visit = `${f.serviceName} with ${f.doctorName}`;
  const toDoctor = f.recipient === NotificationRecipient.DOCTOR;
  const links = appLinks(f.appUrl, f.appointmentId);
  const manage = { label: 'Reschedule or cancel (after signing in)', url: links.appointment };
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
        link: manage,
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
            paragraphs: [
              `Your appointment for ${visit} has moved to ${at}${place}${from}.`,
              'The attached calendar file updates your calendar.',
            ],
            sms: `Carebook: your appointment (${visit}) is now ${short}${place}.`,
            link: manage,
          };
    }
    case NotificationKind.CANCELLATION:
      return toDoctor
        ? {
            subject: `Appointment cancelled: ${f.patientName}, ${short}`,
            greeting,
            paragraphs: [
              `The appointment of ${f.patientName} for ${f.serviceName} on ${at} is cancelled; the time is free again.`,
            ],
            sms: `Carebook: ${f.patientName} on ${short} cancelled.`,
          }
        : f.unavailability
          ? clinicCancellation(f, visit, at, short, links.booking, greeting)
          : {
              subject: `Appointment cancelled: ${visit}, ${short}`,
              greeting,
              paragraphs: [
                `Your appointment for ${visit} on ${at} is cancelled.`,
                'You can book a new time in Carebook whenever it suits you.',
              ],
              sms: `Carebook: your appointment (${visit}) on ${short} is cancelled.`,
              link: { label: 'Book a new time', url: links.booking },
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
        ...(toDoctor ? {} : { link: manage }),
      };
    case NotificationKind.INVOICE: {
      const amount = `${f.invoice?.amount ?? ''} ${f.invoice?.currency ?? ''}`.trim();
      return {
        subject: `Invoice for ${visit}: ${amount}`,
        greeting,
        paragraphs: [
          `Your invoice for ${visit} on ${at} is ${amount}.`,
          'You can pay it by card, in cash at the front desk, or through your insurance; to pay by card now, follow the link below.',
        ],
        sms: `Carebook: invoice of ${amount} for your visit on ${short}. Pay it in Carebook under Invoices.`,
        ...(f.invoice
          ? { link: { label: 'See and pay the invoice (after signing in)', url: links.invoice(f.invoice.invoiceId) } }
          : {}),
      };
    }
    case NotificationKind.FEEDBACK_REQUEST:
      return {
        subject: `How was your visit? ${visit}`,
        greeting,
        paragraphs: [
          `Thank you for coming to your appointment for ${visit} on ${at}.`,
          'Tell us how it went: rate the visit in Carebook (link below). It takes a minute.',
        ],
        sms: `Carebook: how was your visit (${visit}, ${short})? Rate it in Carebook under My appointments.`,
        link: { label: 'Rate your visit (after signing in)', url: links.feedback },
      };
  }
}
