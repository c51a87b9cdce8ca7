import { BookingPolicy, DoctorContactFacts, internalRoute } from '@carebook/platform';
import { z } from 'zod';
import { doctorProfileSchema } from '../domain/doctor-profile';
import { Doctor } from '../entities/doctor.entity';
import { bookingPolicySchema, setBookingPolicy } from '../domain/booking-policies';
import { factsOfService, findDoctorFacts, medicalServiceFacts } from '../domain/doctor-directory';
import { discardDoctor, provisionDoctor } from '../domain/doctor-provisioning';
import { medicalServiceSchema } from '../domain/medical-service-rules';
import { createMedicalService } from '../domain/service-catalogue';

/**
 * What the admin service asks of this one. Admin owns the createDoctor and
 * createMedicalService mutations (and their action log); auth calls
 * discard-doctor when a doctor's account could not be completed. The
 * scheduling and appointment services look doctors and services up with
 * `doctors` and `medical-service` (which carries the service's booking
 * rules, `defaults` filling in what it does not set); the notification
 * service names doctors and their practice in its notices with `contacts`.
 */
export function doctorInternalRoutes(defaults: BookingPolicy) {
  return {
    'provision-doctor': internalRoute(['admin'], doctorProfileSchema, async (profile, { orm }) => {
      const doctor = await provisionDoctor(orm.em.fork(), profile);
      return { id: doctor.id };
    }),
    'discard-doctor': internalRoute(['auth'], z.object({ id: z.string().uuid("must be the doctor's user id (a UUID)") }), async ({ id }, { orm }) => {
      await discardDoctor(orm.em.fork(), id);
      return { id };
    }),
    'create-medical-service': internalRoute(['admin'], medicalServiceSchema, async (draft, { orm }) => {
      const service = await createMedicalService(orm.em.fork(), draft);
      const { id, name, category, durationMinutes, price, currency } = service;
      return { id, name, category, durationMinutes, price, currency };
    }),
    doctors: internalRoute(
      ['appointment', 'scheduling'],
      z
        .object({ ids: z.array(z.string()).max(1000).optional(), serviceId: z.string().optional(), specialty: z.string().optional() })
        .refine((q) => q.ids || q.serviceId || q.specialty, 'give ids, serviceId or specialty'),
      async (query, { orm }) => ({ doctors: await findDoctorFacts(orm.em.fork(), query) }),
    ),
    contacts: internalRoute(['notification'], z.object({ ids: z.array(z.string()).min(1).max(1000) }), async ({ ids }, { orm }) => {
      const doctors = await orm.em.fork().find(Doctor, { id: { $in: ids } });
      return { contacts: doctors.map((d) => ({ id: d.id, name: d.name, specialty: d.specialty, location: d.location }) satisfies DoctorContactFacts) };
    }),
    'medical-service': internalRoute(['appointment', 'notification', 'scheduling'], z.object({ id: z.string().min(1) }), async ({ id }, { orm }) =>
      medicalServiceFacts(orm.em.fork(), id, defaults),
    ),
    'set-booking-policy': internalRoute(['admin'], bookingPolicySchema, async (change, { orm }) => factsOfService(await setBookingPolicy(orm.em.fork(), change, defaults), defaults)),
  };
}
