import type { FilterQuery } from '@mikro-orm/core';
import type { Doctor } from '../entities/doctor.entity';

export interface DoctorSearch {
  specialty?: string | null;
  serviceId?: string | null;
}

/**
 * The public doctor list: active doctors only, optionally of one specialty
 * and offering one service. A blank filter means "any". Specialty compares
 * case-insensitively through the column's _ci collation (MariaDB and MySQL
 * defaults), so "cardiology" finds "Cardiology" and the index still serves it.
 */
export function doctorSearchFilter(search: DoctorSearch): FilterQuery<Doctor> {
  const specialty = search.specialty?.trim();
  const serviceId = search.serviceId?.trim();
  return {
    active: true,
    ...(specialty ? { specialty } : {}),
    ...(serviceId ? { offerings: { service: serviceId } } : {}),
  };
}
