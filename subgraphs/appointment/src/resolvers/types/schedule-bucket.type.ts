import { CalendarDateScalar } from '@carebook/platform';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Period {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(Period, {
  name: 'Period',
  description: 'Bucket size of a schedule summary, in the clinic time zone (weeks start on Monday).',
});

@ObjectType({ description: 'One period of a schedule summary.' })
export class ScheduleBucket {
  @Field(() => CalendarDateScalar, { description: 'First day of the period.' })
  periodStart: string;

  @Field(() => Int)
  freeSlots: number;

  @Field(() => Int)
  bookedSlots: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int)
  cancelled: number;

  @Field(() => Int)
  noShows: number;

  @Field(() => Float, { description: 'bookedSlots / (bookedSlots + freeSlots), 0 when there are no slots.' })
  utilization: number;
}
