import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

// The doctor service checks the same bounds (POLICY_BOUNDS) and that the rules can work together.
@InputType({
  description: "A medical service's own booking rules, in minutes; a rule left out or null follows the clinic default.",
})
export class BookingPolicyInput {
  @Field(() => Int, {
    nullable: true,
    description: 'A booking must start at least this far ahead: 0 to 43200 (30 days).',
  })
  @IsOptional()
  @IsInt({ message: 'minNoticeMinutes must be whole minutes' })
  @Min(0, { message: 'minNoticeMinutes must be 0 to 43200 (30 days)' })
  @Max(43_200, { message: 'minNoticeMinutes must be 0 to 43200 (30 days)' })
  minNoticeMinutes?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'A booking may start at most this far ahead: 60 to 1051200 (730 days).',
  })
  @IsOptional()
  @IsInt({ message: 'horizonMinutes must be whole minutes' })
  @Min(60, { message: 'horizonMinutes must be 60 to 1051200 (730 days)' })
  @Max(1_051_200, { message: 'horizonMinutes must be 60 to 1051200 (730 days)' })
  horizonMinutes?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "A patient's cancel or move this close to the start is late: 0 to 43200 (30 days).",
  })
  @IsOptional()
  @IsInt({ message: 'cancellationWindowMinutes must be whole minutes' })
  @Min(0, { message: 'cancellationWindowMinutes must be 0 to 43200 (30 days)' })
  @Max(43_200, { message: 'cancellationWindowMinutes must be 0 to 43200 (30 days)' })
  cancellationWindowMinutes?: number | null;
}
