import { Conflict, MedicalServiceChanges, MedicalServiceDraft, NotFound } from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { MedicalService } from '../entities/medical-service.entity';

function duplicateName(name: string): Conflict {
  return new Conflict(`A medical service named "${name}" already exists; choose another name.`, { field: 'name' });
}

/** Adds a service to the catalogue. Names are unique regardless of case (the column's collation). */
export async function createMedicalService(em: EntityManager, draft: MedicalServiceDraft): Promise<MedicalService> {
  if (await em.count(MedicalService, { name: draft.name })) throw duplicateName(draft.name);
  const service = em.create(MedicalService, draft);
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateName(draft.name);
    throw error;
  }
  return service;
}

/**
 * Changes a service. Appointments keep what they were booked with (their
 * price and times are their own copies); new bookings see the change.
 */
export async function updateMedicalService(em: EntityManager, changes: MedicalServiceChanges): Promise<MedicalService> {
  const { id, ...fields } = changes;
  const service = await em.findOne(MedicalService, { id });
  if (!service) throw new NotFound('Medical service', id);
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (
    fields.name &&
    fields.name !== service.name &&
    (await em.count(MedicalService, { name: fields.name, id: { $ne: id } }))
  )
    throw duplicateName(fields.name);
  em.assign(service, defined);
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateName(String(defined.name));
    throw error;
  }
  return service;
}

/**
 * Retires a service: no new bookings, no longer listed or offered by its
 * doctors; appointments already booked stay as they are. Retiring a retired
 * service changes nothing.
 */
export async function retireMedicalService(em: EntityManager, id: string): Promise<MedicalService> {
  const service = await em.findOne(MedicalService, { id });
  if (!service) throw new NotFound('Medical service', id);
  if (service.active) {
    service.active = false;
    await em.flush();
  }
  return service;
}
