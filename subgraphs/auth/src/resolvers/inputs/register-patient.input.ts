import { CalendarDateScalar, Gender, PHONE_MESSAGE, PHONE_PATTERN } from '@carebook/platform';
import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { MIN_PASSWORD_LENGTH } from '../../domain/password';


@InputType({ description: 'Everything needed to open a patient account.' })
export class RegisterPatientInput {
  @Field(() => String)
  @IsEmail({}, { message: 'email must be a valid email address, like jane@example.com' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email: string;

  @Field(() => String)
  @Length(MIN_PASSWORD_LENGTH, 200, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters (and at most 200)` })
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
