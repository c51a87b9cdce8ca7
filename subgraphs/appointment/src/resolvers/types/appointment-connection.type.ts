import { Connection } from '@carebook/platform';
import { Field, Int, ObjectType } from 'type-graphql';
import { Appointment } from '../../entities/appointment.entity';

@ObjectType({ description: 'A page of appointments, latest start first.' })
export class AppointmentConnection extends Connection(Appointment) {
  @Field(() => Int, { description: 'How many appointments match the filter in all.' })
  totalCount: number;
}
