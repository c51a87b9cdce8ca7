import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppointmentDeps } from '../deps';
import { SEALED } from '../domain/sealed-columns';
import { AppointmentChange } from '../entities/appointment-change.entity';

@Resolver(() => AppointmentChange)
export class AppointmentChangeResolver {
  constructor(private readonly deps: AppointmentDeps) {}

  @FieldResolver(() => String, { nullable: true })
  note(@Root() change: AppointmentChange): string | null {
    return this.deps.sealer.open(SEALED.historyNote, change.id, change.note);
  }
}
