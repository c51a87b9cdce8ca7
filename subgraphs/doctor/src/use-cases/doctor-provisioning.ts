import { BadUserInput, Conflict, DoctorProfile } from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Doctor } from '../entities/doctor.entity';
import { DoctorOffering } from '../entities/doctor-offering.entity';
import { MedicalService } from '../entities/medical-service.entity';
import { offeringChanges, unknownServiceIds } from '../domain/doctor-profile';

/**
 * Creates or replaces a doctor's profile and the services they offer, in one
 * transaction. Every check runs before the first write, so a refused call
 * changes nothing. Called with the same id again it updates: the admin
 * service may retry after a timeout without making a second doctor.
 */
export async function provisionDoctor(em: EntityManager, profile: DoctorProfile): Promise<Doctor> {
  try {
    return await writeProfile(em.fork(), profile);
  } catch (error) {
    // Two calls racing on the same id or licence: the loser's checks ran before the winner committed.
    // Once more sees the committed row, and either updates it or reports the conflict properly.
    if (error instanceof UniqueConstraintViolationException) return writeProfile(em.fork(), profile);
    throw error;
  }
}

function writeProfile(em: EntityManager, profile: DoctorProfile): Promise<Doctor> {
  return em.transactional(async (tx) => {
    await assertOfferable(tx, profile.serviceIds);
    const holder = await tx.findOne(Doctor, { licenseNumber: profile.licenseNumber, id: { $ne: profile.id } });
    if (holder)
      throw new Conflict(`Licence number ${profile.licenseNumber} is already registered to another doctor.`, {
        field: 'licenseNumber',
      });

    const { id, serviceIds, ...fields } = profile;
    const existing = await tx.findOne(Doctor, { id });
    const doctor = existing ? tx.assign(existing, fields) : tx.create(Doctor, { id, ...fields });

    // Change only the links that differ: a blanket "delete where doctor_id = ?" takes InnoDB gap
    // locks, and two doctors provisioned at once would then deadlock on their inserts.
    const current = existing ? await tx.find(DoctorOffering, { doctor: id }) : [];
    const change = offeringChanges(
      current.map((offering) => offering.service.id),
      serviceIds,
    );
    for (const offering of current) if (change.remove.includes(offering.service.id)) tx.remove(offering);
    for (const serviceId of change.add)
      tx.create(DoctorOffering, { doctor, service: tx.getReference(MedicalService, serviceId) });
    return doctor;
  });
}

/** BAD_USER_INPUT naming every id that is not an offered (active) service of the catalogue. */
export async function assertOfferable(em: EntityManager, serviceIds: string[]): Promise<void> {
  if (serviceIds.length === 0) return;
  const offerable = await em.find(MedicalService, { id: { $in: serviceIds }, active: true }, { fields: ['id'] });
  const unknown = unknownServiceIds(
    serviceIds,
    offerable.map((service) => service.id),
  );
  if (unknown.length) {
    throw new BadUserInput(
      `serviceIds: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is not an offered medical service' : 'are not offered medical services'}; pick ids from medicalServices.`,
      'serviceIds',
    );
  }
}

/** Removes a doctor's profile and their service links; a no-op when there is none. */
export async function discardDoctor(em: EntityManager, id: string): Promise<void> {
  // The links go with it through the foreign key's ON DELETE CASCADE.
  await em.nativeDelete(Doctor, { id });
}
