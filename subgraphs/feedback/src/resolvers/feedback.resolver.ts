import { loaderFor, RequestContext, requireUser, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, Float, ID, Int, Mutation, Resolver, FieldResolver, Root } from 'type-graphql';
import { DoctorRating, ratingsOf } from '../use-cases/doctor-ratings';
import type { FeedbackDeps } from '../deps';
import { SEALED } from '../domain/sealed-columns';
import { submitFeedback } from '../use-cases/submit-feedback';
import { Feedback } from '../entities/feedback.entity';
import { AppointmentRef, DoctorRef } from '../entities/federated-refs';

@Resolver(() => Feedback)
export class FeedbackResolver {
  constructor(private readonly deps: FeedbackDeps) {}

  @Authorized(Role.PATIENT)
  @Mutation(() => Feedback, {
    description:
      'The patient of a completed appointment rates it (1-5) with an optional comment (up to 2,000 characters), once.',
  })
  submitFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('appointmentId', () => ID) appointmentId: string,
    @Arg('rating', () => Int) rating: number,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ): Promise<Feedback> {
    return submitFeedback(
      ctx.em,
      this.deps.services,
      this.deps.sealer,
      requireUser(ctx),
      { appointmentId, rating, comment },
      this.deps.nudge,
    );
  }

  @FieldResolver(() => String, { nullable: true })
  comment(@Root() feedback: Feedback): string | null {
    return this.deps.sealer.open(SEALED.comment, feedback.id, feedback.comment);
  }

  @FieldResolver(() => AppointmentRef)
  appointment(@Root() feedback: Feedback): AppointmentRef {
    return { id: feedback.appointmentId };
  }
}

@Resolver(() => AppointmentRef)
export class AppointmentFeedbackResolver {
  @FieldResolver(() => Feedback, {
    nullable: true,
    description: 'Seen by the patient, the doctor of the appointment and admins; null before it is given.',
  })
  async feedback(@Root() appointment: AppointmentRef, @Ctx() ctx: RequestContext): Promise<Feedback | null> {
    const user = requireUser(ctx);
    const feedback = await loaderFor<string, Feedback>(ctx, 'appointment-feedback', async (ids) => {
      const rows = await ctx.em.find(Feedback, { appointmentId: { $in: [...ids] } });
      const byAppointment = new Map(rows.map((row) => [row.appointmentId, row]));
      return ids.map((id) => byAppointment.get(id) ?? null);
    }).load(appointment.id);
    if (!feedback) return null;
    return user.role === Role.ADMIN || user.id === feedback.patientId || user.id === feedback.doctorId
      ? feedback
      : null;
  }
}

@Resolver(() => DoctorRef)
export class DoctorRatingResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description: "Average of the patients' ratings (1-5, two decimals); null without reviews.",
  })
  async rating(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await ratingLoader(ctx).load(doctor.id))!.rating;
  }

  @FieldResolver(() => Int, { description: 'How many patients rated this doctor.' })
  async reviewCount(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ratingLoader(ctx).load(doctor.id))!.reviewCount;
  }
}

/** One aggregate query per request for every doctor in the answer (a list of 200 doctors costs one query). */
function ratingLoader(ctx: RequestContext) {
  return loaderFor<string, DoctorRating>(ctx, 'doctor-rating', (ids) => ratingsOf(ctx.em, ids));
}
