import { Conflict } from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { MedicalService } from '../entities/medical-service.entity';
import type { MedicalServiceDraft } from './medical-service-rules';

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
