import { Field, InputType } from 'type-graphql';

// Checked by domain/location-rules (the zone must be an IANA name), like every other input of this service.
@InputType({ description: 'A new clinic location.' })
export class CreateLocationInput {
  @Field(() => String, { description: '2 to 120 characters, unique.' })
  name: string;

  @Field(() => String, { description: 'Street address as patients should read it, 5 to 300 characters.' })
  address: string;

  @Field(() => String, { description: 'IANA time zone name, e.g. Europe/Berlin or America/New_York.' })
  timeZone: string;
}

@InputType({
  description: 'Changes to a location; a field left out stays as it is. The time zone is fixed once created.',
})
export class UpdateLocationInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Accepted only when unchanged: hours and booked times there are in the zone the location was created with.',
  })
  timeZone?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false: no new hours there (hours and bookings there stay). The default location stays active.',
  })
  active?: boolean | null;
}
