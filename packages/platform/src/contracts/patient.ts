import { z } from 'zod';
import { defineContract, returns, route } from './contract';
import type { PatientContactFacts } from './lookup-facts';
import { Gender } from './shared-enums';

const uuid = (what: string) => z.string().uuid(`must be ${what} (a UUID)`);
const ids = z.object({ ids: z.array(z.string()).min(1).max(1000) });

/**
 * The patient service's internal routes: auth provisions (and, on a failed
 * registration, discards) profiles; the appointment service records which
 * doctors care for which patients; the notification service reads where to
 * reach patients (`contacts`: the phone opened, for this internal route
 * only, never stored elsewhere); `names` (names only) names patients for
 * scheduling (appointments that clash with a doctor's time off) and for the
 * admin exports of appointment and billing (one call per batch of rows).
 * Field rules beyond the shape are the patient service's profile rules, as
 * for updateMyProfile.
 */
export const patientContract = defineContract('patient', {
  provisionPatient: route({
    path: 'provision-patient',
    callers: ['auth'],
    input: z.object({
      id: uuid("the patient's user id"),
      email: z.string().email('must be a valid email address').max(254, 'must be at most 254 characters'),
      name: z.string(),
      phone: z.string().nullable().default(null),
      dateOfBirth: z.string().nullable().default(null),
      gender: z.nativeEnum(Gender).nullable().default(null),
    }),
    output: returns<{ id: string }>(),
  }),
  discardPatient: route({
    path: 'discard-patient',
    callers: ['auth'],
    input: z.object({ id: uuid('a patient id') }),
    output: returns<{ id: string }>(),
  }),
  grantCare: route({
    path: 'grant-care',
    callers: ['appointment'],
    input: z.object({ doctorId: uuid('a doctor id'), patientId: uuid('a patient id') }),
    output: returns<{ doctorId: string; patientId: string }>(),
  }),
  contacts: route({
    path: 'contacts',
    callers: ['notification'],
    input: ids,
    output: returns<{ contacts: PatientContactFacts[] }>(),
  }),
  names: route({
    path: 'names',
    callers: ['scheduling', 'appointment', 'billing'],
    input: ids,
    output: returns<{ names: Array<{ id: string; name: string }> }>(),
  }),
});
