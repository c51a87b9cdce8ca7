import { NotificationKind, NotificationRecipient } from '../entities/notification-enums';
import { calendarInvite } from './calendar-invite';
import { NoticeFacts, noticeContent } from './notice-content';
import { renderEmail } from './render-notice';

const base: NoticeFacts = {
  kind: NotificationKind.CONFIRMATION,
  recipient: NotificationRecipient.PATIENT,
  timeZone: 'Europe/Berlin',
  patientName: 'Ada <script>',
  doctorName: 'Dr Who',
  location: 'Room 1',
  serviceName: 'Check-up',
  startsAt: new Date('2026-07-01T08:00:00Z'),
  endsAt: new Date('2026-07-01T08:30:00Z'),
  appointmentId: 'appt-1',
  appUrl: 'https://book.clinic.example/',
};

describe('notice templates', () => {
  it('shows times in the clinic zone (summer time in Berlin)', () => {
    expect(noticeContent(base).paragraphs[0]).toContain('Wednesday 1 July 2026 at 10:00 (GMT+2, Europe/Berlin)');
  });

  it('renders text and escaped HTML from the same content', () => {
    const email = renderEmail(noticeContent(base));
    expect(email.text).toContain('Dear Ada <script>,');
    expect(email.html).toContain('Dear Ada &lt;script&gt;,');
    expect(email.html).not.toContain('<script>');
  });

  it('words each kind for its reader', () => {
    expect(
      noticeContent({ ...base, kind: NotificationKind.CANCELLATION, recipient: NotificationRecipient.DOCTOR }).subject,
    ).toMatch(/^Appointment cancelled: Ada/);
    expect(noticeContent({ ...base, kind: NotificationKind.REMINDER, offset: '1h30m' }).paragraphs[0]).toContain(
      'in 1 hour 30 minutes',
    );
    expect(
      noticeContent({
        ...base,
        kind: NotificationKind.INVOICE,
        invoice: { invoiceId: 'i', amount: '40.00', currency: 'EUR' },
      }).subject,
    ).toContain('40.00 EUR');
    expect(noticeContent({ ...base, kind: NotificationKind.FEEDBACK_REQUEST }).paragraphs.join(' ')).toContain(
      'rate the visit',
    );
    expect(
      noticeContent({ ...base, kind: NotificationKind.RESCHEDULE, previousStartsAt: new Date('2026-06-30T08:00:00Z') })
        .paragraphs[0],
    ).toContain('(was Tuesday 30 June 2026 at 10:00');
  });
});

describe('a cancellation by the clinic', () => {
  const cancelled = (
    cause: 'TIME_OFF' | 'CLINIC_CLOSED',
    alternatives: Array<{ startsAt: Date; doctorName: string }>,
  ) => noticeContent({ ...base, kind: NotificationKind.CANCELLATION, unavailability: { cause, alternatives } });

  it('tells the patient why, offers the free times found (clinic time) and links to booking', () => {
    const content = cancelled('TIME_OFF', [{ startsAt: new Date('2026-07-02T07:00:00Z'), doctorName: 'Dr Lee' }]);
    expect(content.subject).toMatch(/^Appointment cancelled by the clinic/);
    expect(content.paragraphs[0]).toMatch(/cancelled because Dr Who is not available at that time/);
    expect(content.paragraphs[1]).toContain('Thursday 2 July 2026 at 09:00');
    expect(content.paragraphs[1]).toContain('with Dr Lee');
    expect(content.sms).toContain('Free instead: Thu 2 Jul 09:00');
    expect(content.link).toEqual({ label: 'Book a new time', url: 'https://book.clinic.example/' });
  });

  it('says the clinic is closed, and without alternatives just asks to book again', () => {
    const content = cancelled('CLINIC_CLOSED', []);
    expect(content.paragraphs).toEqual([
      expect.stringContaining('because the clinic is closed that day'),
      'Please book a new time in Carebook whenever it suits you.',
    ]);
  });
});

describe('links into the patient app (APP_URL)', () => {
  const linkOf = (facts: Partial<NoticeFacts>) => noticeContent({ ...base, ...facts }).link;

  it('points the confirmation, the reschedule and the reminders at the appointment, to reschedule or cancel', () => {
    for (const kind of [NotificationKind.CONFIRMATION, NotificationKind.RESCHEDULE, NotificationKind.REMINDER]) {
      expect(linkOf({ kind, offset: '24h' })).toEqual({
        label: 'Reschedule or cancel (after signing in)',
        url: 'https://book.clinic.example/appointments/appt-1',
      });
    }
  });

  it('points the invoice notice at the invoice and the feedback request at the form', () => {
    expect(
      linkOf({ kind: NotificationKind.INVOICE, invoice: { invoiceId: 'inv-9', amount: '40.00', currency: 'EUR' } })
        ?.url,
    ).toBe('https://book.clinic.example/invoices/inv-9');
    expect(linkOf({ kind: NotificationKind.FEEDBACK_REQUEST })?.url).toBe(
      'https://book.clinic.example/appointments/appt-1/feedback',
    );
    expect(linkOf({ kind: NotificationKind.CANCELLATION })?.url).toBe('https://book.clinic.example/');
  });

  it('gives doctors no patient-app link', () => {
    expect(linkOf({ kind: NotificationKind.CANCELLATION, recipient: NotificationRecipient.DOCTOR })).toBeUndefined();
    expect(linkOf({ kind: NotificationKind.RESCHEDULE, recipient: NotificationRecipient.DOCTOR })).toBeUndefined();
  });

  it('writes the link in the text and as an escaped anchor in the HTML', () => {
    const email = renderEmail(noticeContent({ ...base, appointmentId: 'a"b' }));
    expect(email.text).toContain(
      'Reschedule or cancel (after signing in): https://book.clinic.example/appointments/a%22b',
    );
    expect(email.html).toContain('<a href="https://book.clinic.example/appointments/a%22b"');
    expect(email.text).not.toContain('My appointments');
  });
});

describe('calendar invite (RFC 5545)', () => {
  const ics = calendarInvite({
    appointmentId: 'a1',
    sequence: 3,
    startsAt: base.startsAt,
    endsAt: base.endsAt,
    summary: 'Check-up, with Dr Who; room 1',
    location: null,
    description: 'x'.repeat(200),
    stampedAt: new Date('2026-06-01T00:00:00Z'),
  });

  it('ends every line with CRLF and keeps UID, SEQUENCE and UTC times', () => {
    expect(ics.split('\r\n').slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(ics).toContain(
      '\r\nUID:a1@carebook\r\nSEQUENCE:3\r\nDTSTAMP:20260601T000000Z\r\nDTSTART:20260701T080000Z\r\nDTEND:20260701T083000Z\r\n',
    );
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    expect(ics).not.toContain('LOCATION');
  });

  it('escapes text and folds lines over 75 octets', () => {
    expect(ics).toContain('SUMMARY:Check-up\\, with Dr Who\\; room 1\r\n');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).toMatch(/\r\n x/);
  });
});

describe('an appointment at a location in another zone', () => {
  const newYork = { ...base, timeZone: 'America/New_York', location: 'Carebook Manhattan, 350 5th Ave, New York' };

  it('shows the time on the location clock with the zone named, and the address', () => {
    const content = noticeContent(newYork);
    // 08:00 UTC on 1 July is 04:00 summer time (EDT) in New York.
    expect(content.paragraphs[0]).toContain(
      'Wednesday 1 July 2026 at 04:00 (EDT, America/New_York) at Carebook Manhattan, 350 5th Ave, New York',
    );
    expect(content.sms).toContain('Wed 1 Jul 04:00 EDT at Carebook Manhattan');
    expect(content.subject).toContain('04:00 EDT');
  });
});
