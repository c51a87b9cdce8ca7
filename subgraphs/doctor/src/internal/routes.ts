import { BookingPolicy, DirectoryAnnouncer, doctorContract, serveContract } from '@carebook/platform';
import { updateDoctor } from '../use-cases/doctor-editing';
import { Doctor } from '../entities/doctor.entity';
import { setBookingPolicy } from '../use-cases/booking-policies';
import { allLocations, locationFacts } from '../use-cases/clinic-locations';
import { factsOfService, findDoctorFacts, medicalServiceFacts } from '../use-cases/doctor-directory';
import { discardDoctor, provisionDoctor } from '../use-cases/doctor-provisioning';
import { createMedicalService, retireMedicalService, updateMedicalService } from '../use-cases/service-catalogue';

/**
 * The handlers of the doctor contract (platform's contracts/doctor.ts says
 * who calls what with which input). Each change of a doctor or of the
 * catalogue is announced (`directory`) so the services caching these facts
 * forget them.
 */
export function doctorInternalRoutes(defaults: BookingPolicy, directory: DirectoryAnnouncer) {
  return serveContract(doctorContract, {
    async provisionDoctor(profile, { orm }) {
      const doctor = await provisionDoctor(orm.em.fork(), profile);
      await directory.announce({ kind: 'doctor', id: doctor.id });
      return { id: doctor.id };
    },
    async updateDoctor(changes, { orm }) {
      const doctor = await updateDoctor(orm.em.fork(), changes);
      await directory.announce({ kind: 'doctor', id: doctor.id });
      return { id: doctor.id, active: doctor.active };
    },
    async updateMedicalService(changes, { orm }) {
      const service = await updateMedicalService(orm.em.fork(), changes);
      await directory.announce({ kind: 'medical-service', id: service.id });
      return factsOfService(service, defaults);
    },
    async retireMedicalService({ id }, { orm }) {
      const service = await retireMedicalService(orm.em.fork(), id);
      await directory.announce({ kind: 'medical-service', id: service.id });
      return factsOfService(service, defaults);
    },
    async discardDoctor({ id }, { orm }) {
      await discardDoctor(orm.em.fork(), id);
      // The booking services keep doctors for a minute on the strength of these announcements.
      await directory.announce({ kind: 'doctor', id });
      return { id };
    },
    async createMedicalService(draft, { orm }) {
      const service = await createMedicalService(orm.em.fork(), draft);
      await directory.announce({ kind: 'medical-service', id: service.id });
      const { id, name, category, durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, price, currency } = service;
      return { id, name, category, durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, price, currency };
    },
    doctors: async (query, { orm }) => ({ doctors: await findDoctorFacts(orm.em.fork(), query) }),
    async contacts({ ids }, { orm }) {
      const doctors = await orm.em.fork().find(Doctor, { id: { $in: ids } });
      return {
        contacts: doctors.map((d) => ({ id: d.id, name: d.name, specialty: d.specialty, location: d.location })),
      };
    },
    locations: async (_query, { orm }) => ({ locations: (await allLocations(orm.em.fork())).map(locationFacts) }),
    medicalService: ({ id }, { orm }) => medicalServiceFacts(orm.em.fork(), id, defaults),
    async setBookingPolicy(change, { orm }) {
      const service = await setBookingPolicy(orm.em.fork(), change, defaults);
      await directory.announce({ kind: 'medical-service', id: service.id });
      return factsOfService(service, defaults);
    },
  });
}
