import { BookingPolicy, DirectoryAnnouncer, DoctorContactFacts, internalRoute } from '@carebook/platform';
import { z } from 'zod';
import { doctorChangesSchema, doctorProfileSchema } from '../domain/doctor-profile';
import { updateDoctor } from '../domain/doctor-editing';
import { Doctor } from '../entities/doctor.entity';
import { bookingPolicySchema, setBookingPolicy } from '../domain/booking-policies';
import { allLocations, locationFacts } from '../domain/clinic-locations';
import { factsOfService, findDoctorFacts, medicalServiceFacts } from '../domain/doctor-directory';
import { discardDoctor, provisionDoctor } from '../domain/doctor-provisioning';
import { medicalServiceChangesSchema, medicalServiceSchema } from '../domain/medical-service-rules';
import { createMedicalService, retireMedicalService, updateMedicalService } from '../domain/service-catalogue';

/**
 * What the admin service asks of this one. Admin owns the createDoctor and
 * createMedicalService mutations (and their action log); auth calls
 * discard-doctor when a doctor's account could not be completed. The
 * scheduling and appointment services look doctors and services up with
 * `doctors` and `medical-service` (which carries the service's booking
 * rules, `defaults` filling in what it does not set); the notification
 * service names doctors and their practice in its notices with `contacts`.
 * The admin service edits doctors and the catalogue here too; each change
 * is announced (`directory`) so the services caching these facts forget them.
 */
export function doctorInternalRoutes(defaults: BookingPolicy, directory: DirectoryAnnouncer) {
  return {
    'provision-doctor': internalRoute(['admin'], doctorProfileSchema, async (profile, { orm }) => {
      const doctor = await provisionDoctor(orm.em.fork(), profile);
      await directory.announce({ kind: 'doctor', id: doctor.id });
      return { id: doctor.id };
    }),
    'update-doctor': internalRoute(['admin'], doctorChangesSchema, async (changes, { orm }) => {
      const doctor = await updateDoctor(orm.em.fork(), changes);
      await directory.announce({ kind: 'doctor', id: doctor.id });
      return { id: doctor.id, active: doctor.active };
    }),
    'update-medical-service': internalRoute(['admin'], medicalServiceChangesSchema, async (changes, { orm }) => {
      const service = await updateMedicalService(orm.em.fork(), changes);
      await directory.announce({ kind: 'medical-service', id: service.id });
      return factsOfService(service, defaults);
    }),
    'retire-medical-service': internalRoute(
      ['admin'],
      z.object({ id: z.string().min(1, 'must be a medical service id') }),
      async ({ id }, { orm }) => {
        const service = await retireMedicalService(orm.em.fork(), id);
        await directory.announce({ kind: 'medical-service', id: service.id });
        return factsOfService(service, defaults);
      },
    ),
    'discard-doctor': internalRoute(
      ['auth'],
      z.object({ id: z.string().uuid("must be the doctor's user id (a UUID)") }),
      async ({ id }, { orm }) => {
        await discardDoctor(orm.em.fork(), id);
        // The booking services keep doctors for a minute on the strength of these announcements.
        await directory.announce({ kind: 'doctor', id });
        return { id };
      },
    ),
    'create-medical-service': internalRoute(['admin'], medicalServiceSchema, async (draft, { orm }) => {
      const service = await createMedicalService(orm.em.fork(), draft);
      await directory.announce({ kind: 'medical-service', id: service.id });
      const { id, name, category, durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, price, currency } = service;
      return { id, name, category, durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, price, currency };
    }),
    doctors: internalRoute(
      ['appointment', 'scheduling'],
      z
        // allActive: every doctor who takes appointments (scheduling closing the whole clinic).
        .object({
          ids: z.array(z.string()).max(1000).optional(),
          serviceId: z.string().optional(),
          specialty: z.string().optional(),
          allActive: z.literal(true).optional(),
        })
        .refine(
          (q) => q.ids || q.serviceId || q.specialty || q.allActive,
          'give ids, serviceId, specialty or allActive',
        ),
      async (query, { orm }) => ({ doctors: await findDoctorFacts(orm.em.fork(), query) }),
    ),
    contacts: internalRoute(
      ['notification'],
      z.object({ ids: z.array(z.string()).min(1).max(1000) }),
      async ({ ids }, { orm }) => {
        const doctors = await orm.em.fork().find(Doctor, { id: { $in: ids } });
        return {
          contacts: doctors.map(
            (d) =>
              ({ id: d.id, name: d.name, specialty: d.specialty, location: d.location }) satisfies DoctorContactFacts,
          ),
        };
      },
    ),
    // Scheduling turns hours into slots in each location's zone and tells the appointment service where a slot is.
    locations: internalRoute(['scheduling', 'appointment', 'notification'], z.object({}), async (_query, { orm }) => ({
      locations: (await allLocations(orm.em.fork())).map(locationFacts),
    })),
    'medical-service': internalRoute(
      ['appointment', 'notification', 'scheduling'],
      z.object({ id: z.string().min(1) }),
      async ({ id }, { orm }) => medicalServiceFacts(orm.em.fork(), id, defaults),
    ),
    'set-booking-policy': internalRoute(['admin'], bookingPolicySchema, async (change, { orm }) => {
      const service = await setBookingPolicy(orm.em.fork(), change, defaults);
      await directory.announce({ kind: 'medical-service', id: service.id });
      return factsOfService(service, defaults);
    }),
  };
}
