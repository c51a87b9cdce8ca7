import { ChannelListener, recentAnswers, ServiceCategory } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { Doctor } from '../entities/doctor.entity';
import { DoctorOffering } from '../entities/doctor-offering.entity';
import { MedicalService } from '../entities/medical-service.entity';
import { DoctorSearch, doctorSearchFilter } from '../use-cases/doctor-search';

/** The public lists every visitor asks for (the catalogue, the doctor list, who offers what), kept for seconds. */
export interface PublicListings {
  medicalServices(category: ServiceCategory | null): Promise<MedicalService[]>;
  doctors(search: DoctorSearch): Promise<Doctor[]>;
  /** The active services of these doctors, by name (one joined query for all of them). */
  offerings(doctorIds: string[]): Promise<DoctorOffering[]>;
  /** Drops every list at once: something in them changed. */
  forget(): void;
}

/**
 * Every visitor of the booking pages asks for the same few lists, and they
 * change a few times a day; asked of MariaDB each time, they were most of a
 * request's cost. They are kept for `ttlMs` (default 5 s) and dropped at
 * once on every change: this instance's own (its announcer calls `forget`)
 * and other instances' (their announcements on the directory channel, which
 * `feed` listens to). While that feed is not live, a change made elsewhere
 * would go unheard, so nothing is kept and every list is read afresh.
 *
 * The rows are read in an entity manager of their own and shared by the
 * requests that get them: read-only (GraphQL only reads their fields).
 */
export function publicListings(orm: MikroORM, feed: Pick<ChannelListener, 'live'>, ttlMs = 5000): PublicListings {
  const readServices = (category: ServiceCategory | null) =>
    orm.em
      .fork()
      .find(MedicalService, { active: true, ...(category ? { category } : {}) }, { orderBy: { name: 'asc' } });
  const readDoctors = (search: DoctorSearch) =>
    orm.em.fork().find(Doctor, doctorSearchFilter(search), { orderBy: { name: 'asc', id: 'asc' } });
  const readOfferings = (doctorIds: string[]) =>
    orm.em
      .fork()
      .find(
        DoctorOffering,
        { doctor: { $in: doctorIds }, service: { active: true } },
        { populate: ['service'], strategy: 'joined', orderBy: { service: { name: 'asc' } } },
      );
  const services = recentAnswers(readServices, ttlMs);
  const doctors = recentAnswers(readDoctors, ttlMs);
  const offerings = recentAnswers(readOfferings, ttlMs);
  const kept = () => feed.live();
  return {
    medicalServices: (category) => (kept() ? services(category ?? null) : readServices(category ?? null)),
    doctors: (search) => {
      // One key per meaning: blank filters are no filter, and the order of the question's fields does not matter.
      const question = { specialty: search.specialty?.trim() || null, serviceId: search.serviceId?.trim() || null };
      return kept() ? doctors(question) : readDoctors(question);
    },
    offerings: (doctorIds) => {
      const ids = [...new Set(doctorIds)].sort();
      return kept() ? offerings(ids) : readOfferings(ids);
    },
    forget() {
      services.forget();
      doctors.forget();
      offerings.forget();
    },
  };
}
