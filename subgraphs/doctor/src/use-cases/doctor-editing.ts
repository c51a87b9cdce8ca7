import { Conflict, DoctorChanges, NotFound } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Doctor } from '../entities/doctor.entity';
import { DoctorOffering } from '../entities/doctor-offering.entity';
import { MedicalService } from '../entities/medical-service.entity';
import { offeringChanges } from '../domain/doctor-profile';
import { assertOfferable } from './doctor-provisioning';

/**
 * Applies an admin's changes to a doctor in one transaction; every check
 * runs before the first write, so a refused call changes nothing. `active:
 * false` takes the doctor out of search and calendars, and bookings are
 * refused (appointments already booked stay, for the admin to move or cancel).
 */
export async function updateDoctor(em: EntityManager, changes: DoctorChanges): Promise<Doctor> {
  return em.transactional(async (tx) => {
    const { id, serviceIds, ...rest } = changes;
    const doctor = await tx.findOne(Doctor, { id });
    if (!doctor) throw new NotFound('Doctor', id);
    const fields = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    if (rest.licenseNumber && (await tx.findOne(Doctor, { licenseNumber: rest.licenseNumber, id: { $ne: id } }))) {
      throw new Conflict(`Licence number ${rest.licenseNumber} is already registered to another doctor.`, {
        field: 'licenseNumber',
      });
    }
    if (serviceIds !== undefined) {
      await assertOfferable(tx, serviceIds);
      const current = await tx.find(DoctorOffering, { doctor: id });
      const change = offeringChanges(
        current.map((offering) => offering.service.id),
        serviceIds,
      );
      for (const offering of current) if (change.remove.includes(offering.service.id)) tx.remove(offering);
      for (const serviceId of change.add)
        tx.create(DoctorOffering, { doctor, service: tx.getReference(MedicalService, serviceId) });
    }
    tx.assign(doctor, fields);
    return doctor;
  });
}
