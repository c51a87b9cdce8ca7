import { createUnionType, Directive, Field, ObjectType } from 'type-graphql';
import { Appointment } from '../../entities/appointment.entity';
import { SlotRef } from '../../entities/federated-refs';
import type { BookingOutcome } from '../../use-cases/booking';

@ObjectType({ description: 'The slot is yours: the appointment is confirmed.' })
export class BookingConfirmed {
  @Field(() => Appointment)
  appointment: Appointment;
}

@ObjectType({
  description: 'Someone else has the slot (or it is blocked or past); here are free slots to choose from instead.',
})
export class SlotUnavailable {
  @Field(() => String, { description: 'TAKEN, BLOCKED, PAST or NOT_FOUND.' })
  reason: string;

  // Answered from scheduling's alternatives route and the directory (names): a refusal needs no entity fetch.
  @Directive('@provides(fields: "startsAt endsAt timeZone location { id name address } doctor { id name }")')
  @Field(() => [SlotRef], {
    description: 'Up to 5: the same doctor nearest in time first, then other doctors offering the service.',
  })
  alternatives: SlotRef[];
}

export const BookingResult = createUnionType({
  name: 'BookingResult',
  types: () => [BookingConfirmed, SlotUnavailable] as const,
  resolveType: (value) => (value instanceof SlotUnavailable ? SlotUnavailable : BookingConfirmed),
});

export function toBookingResult(outcome: BookingOutcome): BookingConfirmed | SlotUnavailable {
  if (outcome.kind === 'confirmed') return Object.assign(new BookingConfirmed(), { appointment: outcome.appointment });
  return Object.assign(new SlotUnavailable(), {
    reason: outcome.reason,
    alternatives: outcome.alternatives.map((s): SlotRef => ({
      id: s.id,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      timeZone: s.place.timeZone,
      location: { id: s.place.locationId },
      doctor: { id: s.doctorId, name: s.doctorName },
    })),
  });
}
