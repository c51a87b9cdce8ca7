import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DoctorRef } from '../entities/federated-refs';
import { TimeOff } from '../entities/time-off.entity';

@Resolver(() => TimeOff)
export class TimeOffResolver {
  @FieldResolver(() => DoctorRef)
  doctor(@Root() timeOff: TimeOff): DoctorRef {
    return { id: timeOff.doctorId };
  }
}
