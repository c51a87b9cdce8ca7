import { BookingPolicy, DoctorFacts, MedicalServiceFacts, NotFound } from '@carebook/platform';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { Doctor } from '../entities/doctor.entity';
import { DoctorOffering } from '../entities/doctor-offering.entity';
import { MedicalService } from '../entities/medical-service.entity';
import { bookingPolicyOf } from './booking-policies';
import { doctorSearchFilter } from './doctor-search';

/**
 * What the booking services need to know of doctors: by id (any state, so
 * past appointments still resolve), or the active ones offering a service
 * and/or of a specialty. Two queries, whatever the number of doctors.
 */
export async function findDoctorFacts(
  em: EntityManager,
  query: { ids?: string[]; serviceId?: string; specialty?: string },
): Promise<DoctorFacts[]> {
  const where: FilterQuery<Doctor> = query.ids
    ? { id: { $in: query.ids } }
    : doctorSearchFilter({ serviceId: query.serviceId, specialty: query.specialty });
  const doctors = await em.find(Doctor, where, { orderBy: { name: 'asc' } });
  if (doctors.length === 0) return [];
  const offerings = await em.find(DoctorOffering, {
    doctor: { $in: doctors.map((d) => d.id) },
    service: { active: true },
  });
  const services = new Map<string, string[]>(doctors.map((d) => [d.id, []]));
  for (const offering of offerings) services.get(offering.doctor.id)?.push(offering.service.id);
  return doctors.map((d) => ({
    id: d.id,
    name: d.name,
    specialty: d.specialty,
    active: d.active,
    serviceIds: services.get(d.id) ?? [],
  }));
}

/** A service with the booking rules that apply to it, so a booking learns them in the lookup it makes anyway. */
export async function medicalServiceFacts(
  em: EntityManager,
  id: string,
  defaults: BookingPolicy,
): Promise<MedicalServiceFacts> {
  const service = await em.findOne(MedicalService, { id });
  if (!service) throw new NotFound('Medical service', id);
  return factsOfService(service, defaults);
}

export function factsOfService(service: MedicalService, defaults: BookingPolicy): MedicalServiceFacts {
  const { id, name, category, durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, price, currency, active } =
    service;
  return {
    id,
    name,
    category,
    durationMinutes,
    bufferBeforeMinutes,
    bufferAfterMinutes,
    price,
    currency,
    active,
    bookingPolicy: bookingPolicyOf(service, defaults),
  };
}
