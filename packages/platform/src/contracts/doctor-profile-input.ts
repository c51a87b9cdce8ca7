import { z } from 'zod';
import { PHONE_PATTERN } from '../validation';
import { optionalText, requiredText } from './text-fields';

/* A doctor's profile as the doctor contract takes it (provision-doctor, update-doctor); doctors editing their own use it too. */

export const LICENSE_NUMBER_PATTERN = /^[A-Za-z0-9/-]{3,40}$/;
export const MAX_SERVICES_PER_DOCTOR = 100;

/**
 * A doctor's whole profile as the admin service provisions it. Absent
 * optional fields mean "none": provisioning the same id again replaces the
 * profile, so a retried call lands in the same state.
 */
export const doctorProfileSchema = z.object({
  id: z.string({ required_error: 'is required' }).uuid("must be the doctor's user id (a UUID)"),
  name: requiredText(1, 120),
  specialty: requiredText(2, 80),
  licenseNumber: z
    .string({ required_error: 'is required', invalid_type_error: 'must be text' })
    .trim()
    .regex(LICENSE_NUMBER_PATTERN, "must be 3 to 40 letters, digits, '-' or '/' (like MD-2024/113)"),
  phone: z
    .string({ invalid_type_error: 'must be text' })
    .trim()
    .nullish()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || PHONE_PATTERN.test(value), 'must be a phone number like +49 30 1234567'),
  bio: optionalText(2000),
  location: optionalText(200),
  serviceIds: z
    .array(
      z.string({ invalid_type_error: 'must be medical service ids' }).trim().min(1, 'must not contain blank ids'),
      {
        invalid_type_error: 'must be a list of medical service ids',
      },
    )
    .max(MAX_SERVICES_PER_DOCTOR, `may list at most ${MAX_SERVICES_PER_DOCTOR} services`)
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])]),
});

export type DoctorProfile = z.infer<typeof doctorProfileSchema>;

/**
 * Changes an admin makes to a doctor: any field of the profile, the services
 * and whether the doctor takes appointments (`active`); a field left out
 * stays as it is (null removes an optional one). A doctor editing their own
 * profile may send only DOCTOR_EDITABLE_FIELDS.
 */
export const doctorChangesSchema = doctorProfileSchema
  .omit({ id: true })
  .partial()
  .extend({
    id: z.string({ required_error: 'is required' }).uuid("must be the doctor's user id (a UUID)"),
    active: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
  })
  .refine((changes) => Object.entries(changes).some(([key, value]) => key !== 'id' && value !== undefined), {
    message: 'name at least one field to change',
  });

export type DoctorChanges = z.infer<typeof doctorChangesSchema>;
