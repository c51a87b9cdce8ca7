import {
  CalendarDateScalar,
  Gender,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_MESSAGE,
  PHONE_MESSAGE,
  PHONE_PATTERN,
} from '@carebook/platform';
import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Everything needed to open a patient account.' })
export class RegisterPatientInput {
  @Field(() => String)
  @IsEmail({}, { message: 'email must be a valid email address, like jane@example.com' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email: string;

  @Field(() => String)
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  password: string;

  @Field(() => String)
  @Length(1, 120, { message: 'name must be 1 to 120 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string;

  @Field(() => CalendarDateScalar, { nullable: true })
  @IsOptional()
  dateOfBirth?: string;

  @Field(() => Gender, { nullable: true })
  @IsOptional()
  gender?: Gender;
}
