import { NotificationChannel, Role } from '@carebook/platform';
import {
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  startTestIssuer,
  TestIssuer,
  postAsGateway,
} from '@carebook/platform/testing';
import { randomUUID } from 'node:crypto';
import { RunningNotification, startNotification } from '../src/app';
import { loadNotificationConfig } from '../src/config';
import { NotificationKind, NotificationLog, NotificationRecipient, NotificationStatus } from '../src/entities';
import { NotificationsDocument } from './generated/operations';

/**
 * Appointment.notifications as the gateway asks for it (an entity
 * reference), from the notification subgraph on MariaDB with real token
 * verification: a patient or doctor sees only what was sent to them, an
 * admin everything. The gateway only asks about appointments the
 * appointment service let the caller see; this filter is the rest.
 */
describe('Appointment.notifications, per recipient', () => {
  const dbUrl = freshDatabaseUrl('notification_reads');
  let issuer: TestIssuer;
  let notification: RunningNotification;
  const [patient, otherPatient, doctor, formerDoctor] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [appointment, otherAppointment] = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    notification = await startNotification(
      loadNotificationConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        NOTIFICATION_PORT: '0',
        NOTIFICATION_DB_URL: dbUrl,
        AUTH_JWKS_URL: issuer.jwksUrl,
        REDIS_PREFIX: `nt-reads-${randomUUID().slice(0, 8)}`,
      }),
    );
    const em = notification.orm.em.fork();
    const row = (
      appointmentId: string,
      kind: NotificationKind,
      recipient: NotificationRecipient,
      recipientId: string,
      channel = NotificationChannel.EMAIL,
    ) =>
      em.create(NotificationLog, {
        appointmentId,
        kind,
        recipient,
        recipientId,
        channel,
        occurrence: randomUUID(),
        status: NotificationStatus.SENT,
        attempts: 1,
        scheduledFor: new Date(),
      });
    em.persist([
      // The appointment moved from one doctor to another, then was cancelled.
      row(appointment, NotificationKind.CONFIRMATION, NotificationRecipient.PATIENT, patient),
      row(appointment, NotificationKind.CONFIRMATION, NotificationRecipient.PATIENT, patient, NotificationChannel.SMS),
      row(appointment, NotificationKind.RESCHEDULE, NotificationRecipient.PATIENT, patient),
      row(appointment, NotificationKind.RESCHEDULE, NotificationRecipient.DOCTOR, formerDoctor),
      row(appointment, NotificationKind.RESCHEDULE, NotificationRecipient.DOCTOR, doctor),
      row(appointment, NotificationKind.CANCELLATION, NotificationRecipient.DOCTOR, doctor),
      row(otherAppointment, NotificationKind.CONFIRMATION, NotificationRecipient.PATIENT, otherPatient),
    ]);
    await em.flush();
  }, 60_000);

  afterAll(async () => {
    await notification?.stop();
    await issuer?.stop();
    await dropDatabase(dbUrl);
  });

  /** What a caller sees of each appointment's notifications: [kind, channel, recipient] per appointment, in the order asked. */
  async function seenBy(role: Role, sub: string) {
    const response = await postAsGateway(
      'notification',
      notification.url,
      NotificationsDocument,
      { representations: [appointment, otherAppointment].map((id) => ({ __typename: 'Appointment', id })) },
      await issuer.mint({ role, sub }),
    );
    expect(response.errors).toBeUndefined();
    return response.data!._entities.map((a) =>
      a!.notifications.map((n) => [n.kind, n.channel, n.recipient, n.recipientId]).sort(),
    );
  }

  it('shows the patient only what was sent to them', async () => {
    expect(await seenBy(Role.PATIENT, patient)).toEqual([
      [
        ['CONFIRMATION', 'EMAIL', 'PATIENT', patient],
        ['CONFIRMATION', 'SMS', 'PATIENT', patient],
        ['RESCHEDULE', 'EMAIL', 'PATIENT', patient],
      ],
      [],
    ]);
    expect(await seenBy(Role.PATIENT, otherPatient)).toEqual([
      [],
      [['CONFIRMATION', 'EMAIL', 'PATIENT', otherPatient]],
    ]);
  });

  it('shows each doctor only the notices sent to them, the former doctor of a moved appointment too', async () => {
    expect(await seenBy(Role.DOCTOR, doctor)).toEqual([
      [
        ['CANCELLATION', 'EMAIL', 'DOCTOR', doctor],
        ['RESCHEDULE', 'EMAIL', 'DOCTOR', doctor],
      ],
      [],
    ]);
    expect(await seenBy(Role.DOCTOR, formerDoctor)).toEqual([[['RESCHEDULE', 'EMAIL', 'DOCTOR', formerDoctor]], []]);
  });

  it('shows an admin every notice of every appointment', async () => {
    const [all, other] = await seenBy(Role.ADMIN, randomUUID());
    expect(all).toHaveLength(6);
    expect(other).toEqual([['CONFIRMATION', 'EMAIL', 'PATIENT', otherPatient]]);
  });

  it('answers UNAUTHENTICATED without a token', async () => {
    const response = await postAsGateway('notification', notification.url, NotificationsDocument, {
      representations: [{ __typename: 'Appointment', id: appointment }],
    });
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(response.data ?? null)).not.toContain('CONFIRMATION');
  });
});
