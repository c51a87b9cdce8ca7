import { CalendarDateScalar, Gender } from '@carebook/platform';
import { ArrayNotEmpty, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PHONE_PATTERN } from '@carebook/platform';
import { MEDICAL_HISTORY_MAX_LENGTH, NAME_MAX_LENGTH, PROFILE_MESSAGES } from '../../domain/profile-rules';
import { NotificationChannel } from '../../entities/notification-channel.enum';

// The same rules are checked again on the resulting profile (domain/profile-rules), which also serves provision-patient.
@InputType({
  description:
    'Changes to your profile. Leave a field out to keep it; send null to remove it (name and notificationChannels cannot be removed).',
})
export class UpdatePatientInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, NAME_MAX_LENGTH, { message: PROFILE_MESSAGES.name })
  @Matches(/\S/, { message: PROFILE_MESSAGES.name })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: PROFILE_MESSAGES.phone })
  phone?: string | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: `Not in the future and not before 1900-01-01.` })
  @IsOptional()
  dateOfBirth?: string | null;

  @Field(() => Gender, { nullable: true })
  @IsOptional()
  gender?: Gender | null;

  @Field(() => String, {
    nullable: true,
    description: `At most ${MEDICAL_HISTORY_MAX_LENGTH} characters; stored encrypted.`,
  })
  @IsOptional()
  @MaxLength(MEDICAL_HISTORY_MAX_LENGTH, { message: PROFILE_MESSAGES.medicalHistory })
  medicalHistory?: string | null;

  @Field(() => [NotificationChannel], { nullable: true, description: 'At least one; SMS needs a phone number.' })
  @IsOptional()
  @ArrayNotEmpty({ message: PROFILE_MESSAGES.notificationChannels })
  notificationChannels?: NotificationChannel[] | null;
}
