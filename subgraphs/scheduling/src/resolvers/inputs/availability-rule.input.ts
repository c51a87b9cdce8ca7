import { IsEnum, IsInt, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_SLOT_MINUTES, MIN_SLOT_MINUTES } from '../../domain/availability-input';
import { TIME_PATTERN } from '../../domain/wall-clock';
import { DayOfWeek } from '../../entities/day-of-week.enum';

@InputType({ description: "A weekly window of hours at a location, wall-clock time in the location's time zone." })
export class AvailabilityRuleInput {
  @Field(() => DayOfWeek)
  @IsEnum(DayOfWeek, { message: 'dayOfWeek must be MONDAY to SUNDAY' })
  dayOfWeek: DayOfWeek;

  @Field(() => String, { description: 'HH:MM, like "09:00".' })
  @Matches(TIME_PATTERN, { message: 'startTime must be a time written HH:MM, like "09:00"' })
  startTime: string;

  @Field(() => String, { description: 'HH:MM, like "17:00".' })
  @Matches(TIME_PATTERN, { message: 'endTime must be a time written HH:MM, like "17:00"' })
  endTime: string;

  @Field(() => Int)
  @IsInt({ message: 'slotMinutes must be whole minutes' })
  @Min(MIN_SLOT_MINUTES, { message: `slotMinutes must be ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}` })
  @Max(MAX_SLOT_MINUTES, { message: `slotMinutes must be ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}` })
  slotMinutes: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'Where (the locations query lists them); left out: the default location, whose zone is CLINIC_TIME_ZONE.',
  })
  locationId?: string | null;
}
