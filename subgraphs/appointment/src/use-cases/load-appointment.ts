import { NotFound } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Appointment } from '../entities/appointment.entity';

export async function loadAppointment(em: EntityManager, id: string): Promise<Appointment> {
  const appointment = await em.findOne(Appointment, { id });
  if (!appointment) throw new NotFound('Appointment', id);
  return appointment;
}
