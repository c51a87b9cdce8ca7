import { OutboxEvent } from '@carebook/platform';
import { AvailabilityRule } from './availability-rule.entity';
import { OneOffAvailability } from './one-off-availability.entity';
import { Slot } from './slot.entity';
import { TimeOff } from './time-off.entity';

export const entities = [Slot, AvailabilityRule, OneOffAvailability, TimeOff, OutboxEvent];
export { AvailabilityRule, OneOffAvailability, Slot, TimeOff };
