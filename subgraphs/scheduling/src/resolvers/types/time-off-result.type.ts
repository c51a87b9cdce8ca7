import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AppointmentRef } from '../../entities/federated-refs';
import { TimeOff } from '../../entities/time-off.entity';

@ObjectType({
  description: 'What a time off did: the free slots it blocked and what became of the booked appointments inside it.',
})
export class TimeOffResult {
  @Field(() => TimeOff, { description: 'The time off recorded (its id removes it).' })
  timeOff: TimeOff;

  @Field(() => Int)
  blockedSlots: number;

  @Field(() => [AppointmentRef], {
    description:
      'Appointments cancelled because of the time off (cancelBooked: true); each patient is told and offered other times.',
  })
  cancelled: AppointmentRef[];

  @Field(() => [AppointmentRef], {
    description:
      'Appointments still booked inside the time off because cancelling them failed just now: the staff move or cancel them. Empty normally.',
  })
  conflicts: AppointmentRef[];
}

@ObjectType({ description: 'What closing the clinic did: one time off per doctor concerned.' })
export class ClosureResult {
  @Field(() => [TimeOff], { description: 'One per doctor, each removable on its own with removeTimeOff.' })
  timeOffs: TimeOff[];

  @Field(() => Int)
  blockedSlots: number;

  @Field(() => [AppointmentRef], {
    description:
      'Appointments cancelled because of the closure (cancelBooked: true); each patient is told and offered other times.',
  })
  cancelled: AppointmentRef[];

  @Field(() => [AppointmentRef], {
    description: 'Appointments still booked in the closure because cancelling them failed just now. Empty normally.',
  })
  conflicts: AppointmentRef[];
}

@ObjectType({
  description: 'A removed time off: its blocked slots are bookable again (unless another time off covers them).',
})
export class TimeOffRemoval {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  reopenedSlots: number;
}

@ObjectType({ description: 'A removed one-off day: its free slots are gone; booked ones stay booked and are listed.' })
export class OneOffRemoval {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  removedSlots: number;

  @Field(() => [AppointmentRef], {
    description:
      'Appointments booked in the removed hours: they stand; move or cancel them if the doctor will not be there.',
  })
  keptAppointments: AppointmentRef[];
}
