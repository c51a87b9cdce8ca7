import {
  BadUserInput,
  BookingPolicy,
  BookingPolicyChange,
  BookingRule,
  NotFound,
  policyProblem,
  RULE_FIELDS,
} from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { MedicalService } from '../entities/medical-service.entity';

type Overrides = Pick<MedicalService, 'minNoticeMinutes' | 'horizonMinutes' | 'cancellationWindowMinutes'>;

/** The rules that apply to a service: its own where it sets them, the clinic's defaults otherwise. */
export function bookingPolicyOf(service: Overrides, defaults: BookingPolicy): BookingPolicy {
  return {
    minNoticeMinutes: service.minNoticeMinutes ?? defaults.minNoticeMinutes,
    horizonMinutes: service.horizonMinutes ?? defaults.horizonMinutes,
    cancellationWindowMinutes: service.cancellationWindowMinutes ?? defaults.cancellationWindowMinutes,
  };
}

/** The rules the service sets itself. */
export function ownRulesOf(service: Overrides): BookingRule[] {
  return (Object.keys(RULE_FIELDS) as BookingRule[]).filter((rule) => service[RULE_FIELDS[rule]] !== null);
}

/** Replaces a service's own rules; refused, changing nothing, when the rules that would apply cannot work together. */
export async function setBookingPolicy(
  em: EntityManager,
  change: BookingPolicyChange,
  defaults: BookingPolicy,
): Promise<MedicalService> {
  const service = await em.findOne(MedicalService, { id: change.id });
  if (!service) throw new NotFound('Medical service', change.id);
  const { id: _id, ...overrides } = change;
  const problem = policyProblem(bookingPolicyOf(overrides, defaults));
  if (problem)
    throw new BadUserInput(`These booking rules cannot apply to "${service.name}": ${problem}.`, 'horizonMinutes');
  em.assign(service, overrides);
  await em.flush();
  return service;
}
