import { Field, ObjectType } from 'type-graphql';
import { AppointmentRef } from '../../entities/federated-refs';
import { ScheduleChangeKind } from '../../entities/schedule-change-kind.enum';
import { Slot } from '../../entities/slot.entity';

/**
 * One change to a doctor's schedule, as the gateway delivers it over
 * graphql-ws. Declared here so that it is part of the composed schema; the
 * gateway fills slot and appointment through the supergraph.
 */
@ObjectType({ description: "One change to a doctor's schedule, delivered live." })
export class ScheduleChange {
  @Field(() => ScheduleChangeKind)
  kind: ScheduleChangeKind;

  @Field(() => Date, { description: 'When the change was committed.' })
  occurredAt: Date;

  @Field(() => Slot, {
    nullable: true,
    description: 'The slot concerned (for SLOTS_OPENED and SLOT_BLOCKED, the earliest of the batch).',
  })
  slot?: Slot | null;

  @Field(() => AppointmentRef, { nullable: true, description: 'The appointment concerned, if any.' })
  appointment?: AppointmentRef | null;
}
