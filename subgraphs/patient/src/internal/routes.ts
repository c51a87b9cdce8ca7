import { FieldSealer, Gender, internalRoute, PatientContactFacts } from '@carebook/platform';
import { z } from 'zod';
import { grantCare } from '../domain/care-relationships';
import { Patient } from '../entities/patient.entity';
import { discardPatient, provisionPatient } from '../domain/patient-profiles';
import { SEALED } from '../domain/sealed-columns';

const uuid = (what: string) => z.string().uuid(`must be ${what} (a UUID)`);

/**
 * What other services ask of the patient service: auth provisions (and, on a
 * failed registration, discards) profiles; the appointment service records
 * which doctors care for which patients; the notification service reads
 * where to reach patients (`contacts`: the phone opened, for this internal
 * route only, never stored elsewhere); `names` (names only) names patients
 * for scheduling (appointments that clash with a doctor's time off) and for
 * the admin exports of appointment and billing (one call per batch of rows).
 * Field rules beyond the shape are the
 * profile rules of domain/profile-rules, as for updateMyProfile.
 */
export function patientInternalRoutes(sealer: FieldSealer) {
  return {
    'provision-patient': internalRoute(
      ['auth'],
      z.object({
        id: uuid("the patient's user id"),
        email: z.string().email('must be a valid email address').max(254, 'must be at most 254 characters'),
        name: z.string(),
        phone: z.string().nullable().default(null),
        dateOfBirth: z.string().nullable().default(null),
        gender: z.nativeEnum(Gender).nullable().default(null),
      }),
      async (input, { orm }) => ({ id: (await provisionPatient(orm.em.fork(), sealer, input)).id }),
    ),
    'discard-patient': internalRoute(['auth'], z.object({ id: uuid('a patient id') }), async ({ id }, { orm }) => {
      await discardPatient(orm.em.fork(), id);
      return { id };
    }),
    'grant-care': internalRoute(
      ['appointment'],
      z.object({ doctorId: uuid('a doctor id'), patientId: uuid('a patient id') }),
      async ({ doctorId, patientId }, { orm }) => {
        await grantCare(orm.em.fork(), doctorId, patientId);
        return { doctorId, patientId };
      },
    ),
    contacts: internalRoute(
      ['notification'],
      z.object({ ids: z.array(z.string()).min(1).max(1000) }),
      async ({ ids }, { orm }) => {
        const patients = await orm.em.fork().find(Patient, { id: { $in: ids } });
        return {
          contacts: patients.map(
            (p) =>
              ({
                id: p.id,
                name: p.name,
                email: p.email,
                phone: sealer.open(SEALED.phone, p.id, p.phoneSealed),
                notificationChannels: p.notificationChannels,
              }) satisfies PatientContactFacts,
          ),
        };
      },
    ),
    names: internalRoute(
      ['scheduling', 'appointment', 'billing'],
      z.object({ ids: z.array(z.string()).min(1).max(1000) }),
      async ({ ids }, { orm }) => {
        const patients = await orm.em.fork().find(Patient, { id: { $in: ids } }, { fields: ['id', 'name'] });
        return { names: patients.map((p) => ({ id: p.id, name: p.name })) };
      },
    ),
  };
}
