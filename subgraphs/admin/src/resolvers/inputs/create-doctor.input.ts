import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_MESSAGE,
  PHONE_MESSAGE,
  PHONE_PATTERN,
} from '@carebook/platform';
import { ArrayMaxSize, IsEmail, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

// The doctor service checks the same patterns; checking here first refuses bad input before an account is made.
export const LICENSE_NUMBER_PATTERN = /^[A-Za-z0-9/-]{3,40}$/;

@InputType({ description: 'A new doctor: their sign-in and their profile, created together.' })
export class CreateDoctorInput {
  @Field(() => String)
  @IsEmail({}, { message: 'email must be a valid email address, like dr.jones@example.com' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email: string;

  @Field(() => String, { description: `The doctor's first password, at least ${MIN_PASSWORD_LENGTH} characters.` })
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  password: string;

  @Field(() => String)
  @Length(1, 120, { message: 'name must be 1 to 120 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field(() => String, { description: 'Such as "Cardiology".' })
  @Length(2, 80, { message: 'specialty must be 2 to 80 characters, like "Cardiology"' })
  @Matches(/\S.*\S/, { message: 'specialty must be 2 to 80 characters besides surrounding spaces' })
  specialty: string;

  @Field(() => String)
  @Matches(LICENSE_NUMBER_PATTERN, {
    message: "licenseNumber must be 3 to 40 letters, digits, '-' or '/' (like MD-2024/113)",
  })
  licenseNumber: string;

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

  @Field(() => [ID], { nullable: true, description: 'The catalogue services this doctor offers.' })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'serviceIds may list at most 100 services' })
  @IsUUID('all', { each: true, message: 'serviceIds must list medical service ids (UUIDs) from medicalServices' })
  serviceIds?: string[] | null;
}
