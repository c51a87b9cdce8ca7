import { PHONE_MESSAGE, PHONE_PATTERN } from '@carebook/platform';
import { ArrayMaxSize, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LICENSE_NUMBER_PATTERN } from './create-doctor.input';

// The doctor service checks the same rules; checking here first answers with the field's own message.
@InputType({
  description: "An admin's changes to a doctor; a field left out stays as it is, null removes an optional one.",
})
export class UpdateDoctorInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 120, { message: 'name must be 1 to 120 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 80, { message: 'specialty must be 2 to 80 characters, like "Cardiology"' })
  specialty?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(LICENSE_NUMBER_PATTERN, {
    message: "licenseNumber must be 3 to 40 letters, digits, '-' or '/' (like MD-2024/113)",
  })
  licenseNumber?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000, { message: 'bio must be at most 2000 characters' })
  bio?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200, { message: 'location must be at most 200 characters' })
  location?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The services the doctor offers from now on (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'serviceIds may list at most 100 services' })
  @IsUUID('all', { each: true, message: 'serviceIds must list medical service ids (UUIDs) from medicalServices' })
  serviceIds?: string[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'false: the doctor leaves search and calendars and new bookings are refused at once; their booked appointments stay (upcomingAppointments lists them).',
  })
  @IsOptional()
  active?: boolean;
}
