import { Field, InputType } from 'type-graphql';

// Checked by the doctor service's profile rules (domain/doctor-profile), the same as an admin's changes.
@InputType({
  description:
    'What a doctor may change on their own profile; a field left out stays as it is, null or blank removes it.',
})
export class MyDoctorProfileInput {
  @Field(() => String, { nullable: true, description: 'Up to 2000 characters.' })
  bio?: string | null;

  @Field(() => String, { nullable: true, description: 'Where patients find them, up to 200 characters.' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'Like +49 30 1234567; seen by admins and the doctor only.' })
  phone?: string | null;
}
