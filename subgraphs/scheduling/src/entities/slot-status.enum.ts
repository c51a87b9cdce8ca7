import { registerEnumType } from 'type-graphql';

/** HELD is reserved for a short hold during checkout; booking goes FREE -> BOOKED directly. */
export enum SlotStatus {
  FREE = 'FREE',
  HELD = 'HELD',
  BOOKED = 'BOOKED',
  BLOCKED = 'BLOCKED',
}

registerEnumType(SlotStatus, {
  name: 'SlotStatus',
  description: 'Whether a slot can be booked: FREE, HELD, BOOKED or BLOCKED (time off).',
});
