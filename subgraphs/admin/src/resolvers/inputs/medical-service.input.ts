import { DecimalScalar, ServiceCategory } from '@carebook/platform';
import { IsInt, IsISO4217CurrencyCode, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { BufferMinutesField } from './buffer-minutes.field';

@InputType({ description: 'A new entry of the catalogue of medical services.' })
export class MedicalServiceInput {
  @Field(() => String)
  @Length(2, 120, { message: 'name must be 2 to 120 characters' })
  @Matches(/\S.*\S/, { message: 'name must be 2 to 120 characters besides surrounding spaces' })
  name: string;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => Int, { description: 'How long one appointment for this service takes.' })
  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(5, { message: 'durationMinutes must be at least 5' })
  @Max(480, { message: 'durationMinutes must be at most 480 (8 hours)' })
  durationMinutes: number;

  @BufferMinutesField(
    'bufferBeforeMinutes',
    'Minutes the doctor needs before each appointment (preparation); 0 or left out: none.',
  )
  bufferBeforeMinutes?: number;

  @BufferMinutesField(
    'bufferAfterMinutes',
    'Minutes the doctor needs after each appointment (cleaning, paperwork); 0 or left out: none.',
  )
  bufferAfterMinutes?: number;

  @Field(() => DecimalScalar, { description: 'The price, like "35.00".' })
  // The scalar has already normalised it to two decimals; what is left to refuse is a sign or too many digits.
  @Matches(/^\d{1,8}\.\d{2}$/, { message: 'price must be between "0.00" and "99999999.99"' })
  price: string;

  @Field(() => String, { description: 'ISO 4217 code, like "EUR".' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code in capitals, like "EUR"' })
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 currency code in use, like "EUR"' })
  currency: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;
}
