import type { ServiceCategory } from '@carebook/platform';
import { AdminAction } from '../domain/admin-action';
import type { AdminOperation } from '../deps';
import { recordCompletedAction } from './action-log';

export interface NewMedicalService {
  name: string;
  category: ServiceCategory;
  durationMinutes: number;
  /** Minutes held before and after each appointment; left out: none. */
  bufferBeforeMinutes?: number | null;
  bufferAfterMinutes?: number | null;
  /** Decimal string with two decimals ("35.00"). */
  price: string;
  currency: string;
  description?: string | null;
}

/** Adds a service to the catalogue, which the doctor service owns, and logs it. */
export async function createMedicalService(op: AdminOperation, input: NewMedicalService): Promise<{ id: string }> {
  const service = {
    name: input.name.trim(),
    category: input.category,
    durationMinutes: input.durationMinutes,
    bufferBeforeMinutes: input.bufferBeforeMinutes ?? 0,
    bufferAfterMinutes: input.bufferAfterMinutes ?? 0,
    price: input.price,
    currency: input.currency,
    description: input.description?.trim() ? input.description.trim() : null,
  };
  const created = await op.doctor.createMedicalService(service);
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.CREATE_MEDICAL_SERVICE,
    targetId: created.id,
    details: {
      name: service.name,
      category: service.category,
      durationMinutes: service.durationMinutes,
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
      price: service.price,
      currency: service.currency,
    },
  });
  return { id: created.id };
}

/** A service's own booking rules in minutes; null (or left out) follows the clinic default. */
export interface ServiceBookingRules {
  minNoticeMinutes?: number | null;
  horizonMinutes?: number | null;
  cancellationWindowMinutes?: number | null;
}

/** Sets a service's own booking rules (the doctor service owns them and checks they can work together) and logs them. */
export async function setBookingPolicy(
  op: AdminOperation,
  serviceId: string,
  rules: ServiceBookingRules,
): Promise<{ id: string }> {
  const own = {
    minNoticeMinutes: rules.minNoticeMinutes ?? null,
    horizonMinutes: rules.horizonMinutes ?? null,
    cancellationWindowMinutes: rules.cancellationWindowMinutes ?? null,
  };
  const updated = await op.doctor.setBookingPolicy({ id: serviceId, ...own });
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.SET_BOOKING_POLICY,
    targetId: updated.id,
    details: own,
  });
  return { id: updated.id };
}

export type MedicalServiceChanges = Partial<NewMedicalService>;

/**
 * Changes a service of the catalogue (the doctor service checks and applies
 * it) and logs what changed. Booked appointments keep their booked price.
 */
export async function updateMedicalService(
  op: AdminOperation,
  serviceId: string,
  changes: MedicalServiceChanges,
): Promise<{ id: string }> {
  const defined = Object.fromEntries(
    Object.entries({
      ...changes,
      name: changes.name?.trim(),
      description: changes.description === undefined ? undefined : changes.description?.trim() || null,
    }).filter(([, value]) => value !== undefined),
  );
  const updated = await op.doctor.updateMedicalService({
    id: serviceId,
    ...defined,
  });
  // The log keeps short facts: which fields changed, and the new values except the (long) description.
  const { description: _description, ...facts } = defined;
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.UPDATE_MEDICAL_SERVICE,
    targetId: updated.id,
    details: { fields: Object.keys(defined), ...facts },
  });
  return { id: updated.id };
}

/** Retires a service: no new bookings; booked appointments stay. Logged. */
export async function retireMedicalService(op: AdminOperation, serviceId: string): Promise<{ id: string }> {
  const retired = await op.doctor.retireMedicalService({ id: serviceId });
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.RETIRE_MEDICAL_SERVICE,
    targetId: retired.id,
  });
  return { id: retired.id };
}
