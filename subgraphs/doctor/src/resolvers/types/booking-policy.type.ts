import { BookingRule } from '@carebook/platform';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('BookingPolicy', {
  description:
    "The booking rules of a medical service for patients (staff are bound by none): the service's own where it sets them, the clinic's defaults otherwise.",
})
export class BookingPolicyType {
  @Field(() => Int, { description: 'A booking must start at least this many minutes from now.' })
  minNoticeMinutes: number;

  @Field(() => Int, { description: 'A booking may start at most this many minutes from now.' })
  horizonMinutes: number;

  @Field(() => Int, {
    description:
      'A cancel or move by the patient less than this many minutes before the start is late (a fee may be invoiced).',
  })
  cancellationWindowMinutes: number;

  @Field(() => [BookingRule], {
    description: 'The rules this service sets itself; the others follow the clinic defaults.',
  })
  ownRules: BookingRule[];
}
