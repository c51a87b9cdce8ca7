import { z } from 'zod';
import type { LocationFacts } from '../locations/location-facts';
import { bookingPolicySchema } from './booking-policy-input';
import { defineContract, returns, route } from './contract';
import { doctorChangesSchema, doctorProfileSchema } from './doctor-profile-input';
import type { DoctorContactFacts, DoctorFacts, MedicalServiceFacts } from './lookup-facts';
import { medicalServiceChangesSchema, medicalServiceSchema } from './medical-service-input';

/** A service of the catalogue as created: the facts without its booking rules and active flag. */
export type CreatedMedicalService = Omit<MedicalServiceFacts, 'bookingPolicy' | 'active'>;

/**
 * The doctor service's internal routes. Admin owns the createDoctor and
 * createMedicalService mutations (and their action log) and edits doctors
 * and the catalogue here; auth discards a doctor whose account could not be
 * completed. Scheduling and appointment look doctors and services up
 * (`medical-service` carries the service's booking rules, the clinic's
 * defaults filling in what it does not set); notification names doctors
 * and their practice in its notices.
 */
export const doctorContract = defineContract('doctor', {
  provisionDoctor: route({
    path: 'provision-doctor',
    callers: ['admin'],
    input: doctorProfileSchema,
    output: returns<{ id: string }>(),
  }),
  updateDoctor: route({
    path: 'update-doctor',
    callers: ['admin'],
    input: doctorChangesSchema,
    output: returns<{ id: string; active: boolean }>(),
  }),
  discardDoctor: route({
    path: 'discard-doctor',
    callers: ['auth'],
    input: z.object({ id: z.string().uuid("must be the doctor's user id (a UUID)") }),
    output: returns<{ id: string }>(),
  }),
  createMedicalService: route({
    path: 'create-medical-service',
    callers: ['admin'],
    input: medicalServiceSchema,
    output: returns<CreatedMedicalService>(),
  }),
  updateMedicalService: route({
    path: 'update-medical-service',
    callers: ['admin'],
    input: medicalServiceChangesSchema,
    output: returns<MedicalServiceFacts>(),
  }),
  retireMedicalService: route({
    path: 'retire-medical-service',
    callers: ['admin'],
    input: z.object({ id: z.string().min(1, 'must be a medical service id') }),
    output: returns<MedicalServiceFacts>(),
  }),
  setBookingPolicy: route({
    path: 'set-booking-policy',
    callers: ['admin'],
    input: bookingPolicySchema,
    output: returns<MedicalServiceFacts>(),
  }),
  doctors: route({
    path: 'doctors',
    callers: ['appointment', 'scheduling'],
    input: z
      // allActive: every doctor who takes appointments (scheduling closing the whole clinic).
      .object({
        ids: z.array(z.string()).max(1000).optional(),
        serviceId: z.string().optional(),
        specialty: z.string().optional(),
        allActive: z.literal(true).optional(),
      })
      .refine((q) => q.ids || q.serviceId || q.specialty || q.allActive, 'give ids, serviceId, specialty or allActive'),
    output: returns<{ doctors: DoctorFacts[] }>(),
  }),
  contacts: route({
    path: 'contacts',
    callers: ['notification'],
    input: z.object({ ids: z.array(z.string()).min(1).max(1000) }),
    output: returns<{ contacts: DoctorContactFacts[] }>(),
  }),
  // Scheduling turns hours into slots in each location's zone and tells the appointment service where a slot is.
  locations: route({
    path: 'locations',
    callers: ['scheduling', 'appointment', 'notification'],
    input: z.object({}),
    output: returns<{ locations: LocationFacts[] }>(),
  }),
  medicalService: route({
    path: 'medical-service',
    callers: ['appointment', 'notification', 'scheduling'],
    input: z.object({ id: z.string().min(1) }),
    output: returns<MedicalServiceFacts>(),
  }),
});
