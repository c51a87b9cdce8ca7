import { PageInfo } from '@carebook/platform';
import { Field, Int, ObjectType } from 'type-graphql';
import { Appointment } from '../../entities/appointment.entity';

@ObjectType()
export class AppointmentEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Appointment)
  node: Appointment;
}

@ObjectType({ description: 'A page of appointments, latest start first.' })
export class AppointmentConnection {
  @Field(() => [AppointmentEdge])
  edges: AppointmentEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'How many appointments match the filter in all.' })
  totalCount: number;
}
