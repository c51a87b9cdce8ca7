import { DecimalScalar, ServiceCategory } from '@carebook/platform';
import { IsInt, IsISO4217CurrencyCode, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { BufferMinutesField } from './buffer-minutes.field';

@InputType({
  description:
    'Changes to a medical service; a field left out stays as it is. Booked appointments keep their booked price.',
})
export class UpdateMedicalServiceInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 120, { message: 'name must be 2 to 120 characters' })
  @Matches(/\S.*\S/, { message: 'name must be 2 to 120 characters besides surrounding spaces' })
  name?: string;

  @Field(() => ServiceCategory, { nullable: true })
  @IsOptional()
  category?: ServiceCategory;

  @Field(() => Int, {
    nullable: true,
    description: 'How long one appointment takes from now on; booked ones keep their times.',
  })
  @IsOptional()
  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(5, { message: 'durationMinutes must be at least 5' })
  @Max(480, { message: 'durationMinutes must be at most 480 (8 hours)' })
  durationMinutes?: number;

  @BufferMinutesField(
    'bufferBeforeMinutes',
    'Minutes needed before each appointment from now on; booked ones keep what they hold.',
  )
  bufferBeforeMinutes?: number;

  @BufferMinutesField(
    'bufferAfterMinutes',
    'Minutes needed after each appointment from now on; booked ones keep what they hold.',
  )
  bufferAfterMinutes?: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'The price of new bookings, like "35.00".' })
  @IsOptional()
  @Matches(/^\d{1,8}\.\d{2}$/, { message: 'price must be between "0.00" and "99999999.99"' })
  price?: string;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code, like "EUR".' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code in capitals, like "EUR"' })
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 currency code in use, like "EUR"' })
  currency?: string;

  @Field(() => String, { nullable: true, description: 'Blank removes it.' })
  @IsOptional()
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;
}
