import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DoctorRef } from '../entities/doctor-ref.type';
import { Slot } from '../entities/slot.entity';

@Resolver(() => Slot)
export class SlotResolver {
  @FieldResolver(() => DoctorRef)
  doctor(@Root() slot: Slot): DoctorRef {
    return { id: slot.doctorId };
  }
}
