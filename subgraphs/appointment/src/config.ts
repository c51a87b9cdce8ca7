import { clinicTimeZoneSchema, env, loadEncryptionKeys, loadServiceConfig } from '@carebook/platform';

/** The appointment service's settings beyond the common ones (see .env.example). */
export function loadAppointmentConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig(
    'appointment',
    {
      CLINIC_TIME_ZONE: clinicTimeZoneSchema(),
      /** How often the reconciliation job runs (a crash leaves PENDING rows and stray slots rarely; an idle service should not wake for it often). */
      APPOINTMENT_RECONCILE_EVERY_MS: env.positiveInt(30_000),
      /** A PENDING appointment older than this is settled by the reconciler (a booking takes well under a second). */
      APPOINTMENT_PENDING_GRACE_SECONDS: env.positiveInt(20),
      /** Future PENDING/CONFIRMED appointments one patient may hold at once (admins booking for a patient may pass it). */
      MAX_ACTIVE_APPOINTMENTS_PER_PATIENT: env.positiveInt(6),
    },
    source,
  );
  return { ...config, encryption: loadEncryptionKeys(config) };
}

export type AppointmentConfig = ReturnType<typeof loadAppointmentConfig>;
