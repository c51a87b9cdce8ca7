import { CalendarDateScalar } from '@carebook/platform';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DoctorRef } from '../../entities/federated-refs';
import { Slot } from '../../entities/slot.entity';

@ObjectType({
  description: "A doctor with free slots on a day (on each slot's location's clock): how many, and the earliest.",
})
export class DoctorAvailability {
  // The calendar already asked the doctor service about these doctors.
  @Directive('@provides(fields: "name specialty")')
  @Field(() => DoctorRef)
  doctor: DoctorRef;

  @Field(() => Int)
  freeSlots: number;

  @Field(() => Slot, { nullable: true })
  firstSlot: Slot | null;
}

@ObjectType({
  description:
    "One day of the availability calendar: each slot counts on its location's date (show its times in the slot's timeZone).",
})
export class CalendarDay {
  @Field(() => CalendarDateScalar)
  date: string;

  @Field(() => [DoctorAvailability])
  doctors: DoctorAvailability[];
}
