import { RequestContext, requireUser, Unauthenticated } from '@carebook/platform';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { login } from '../use-cases/login';
import { changePassword } from '../use-cases/password-change';
import { requestPasswordReset, resetPassword } from '../use-cases/password-reset';
import { registerPatient } from '../use-cases/registration';
import { rotateSession } from '../use-cases/sessions';
import { logout, logoutEverywhere } from '../use-cases/sign-out';
import { User } from '../entities/user.entity';
import type { AuthDeps } from '../deps';
import { RegisterPatientInput } from './inputs/register-patient.input';
import { AuthPayload, SessionTokens } from './types/auth-payload.type';

@Resolver()
export class SessionResolver {
  constructor(private readonly deps: AuthDeps) {}

  @Mutation(() => AuthPayload, {
    description:
      'Opens a patient account and signs in. Anyone may call it, a limited number of times per hour from one network address.',
  })
  registerPatient(
    @Arg('input', () => RegisterPatientInput) input: RegisterPatientInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return registerPatient(
      ctx.em,
      { ...this.deps, perAddress: this.deps.limits.registration, logger: ctx.logger },
      input,
      ctx.clientIp,
    );
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password.' })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return login(ctx.em, this.deps, email, password, ctx.clientIp);
  }

  @Mutation(() => SessionTokens, {
    description: 'Exchanges a refresh token for a new pair; each refresh token works once.',
  })
  refreshSession(
    @Arg('refreshToken', () => String) refreshToken: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionTokens> {
    return rotateSession(ctx.em, this.deps.sessions, refreshToken);
  }

  @Mutation(() => AuthPayload, {
    description:
      "Changes the signed-in user's password, given the current one. Every other session ends (its tokens are refused within seconds); continue with the tokens returned.",
  })
  changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String, { description: 'At least 10 characters.' }) newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    const { id } = requireUser(ctx);
    return changePassword(ctx.em, { ...this.deps, logger: ctx.logger }, id, currentPassword, newPassword, ctx.clientIp);
  }

  @Mutation(() => Boolean, {
    description:
      'Emails a single-use link (valid 30 minutes) to choose a new password. Anyone may call it; the answer is true whether or not the email belongs to an account.',
  })
  async requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    const { quotas, limits, mailer, appUrl, background } = this.deps;
    await requestPasswordReset(
      ctx.em,
      {
        quotas,
        perAddress: limits.resetPerAddress,
        perEmail: limits.resetPerEmail,
        mailer,
        appUrl,
        background,
        logger: ctx.logger,
      },
      email,
      ctx.clientIp,
    );
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Sets a new password with the emailed reset token (once); every session of the account ends. Then sign in with the new password.',
  })
  async resetPassword(
    @Arg('token', () => String) token: string,
    @Arg('newPassword', () => String, { description: 'At least 10 characters.' }) newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await resetPassword(ctx.em, { revocations: this.deps.revocations, logger: ctx.logger }, token, newPassword);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Signs this device out: its refresh token, and every one rotated from the same sign-in, stop working. Discard the access token too.',
  })
  async logout(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await logout(ctx.em, refreshToken);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Signs the signed-in user out on every device: every refresh token ends and every access token is refused within seconds, this one included.',
  })
  async logoutEverywhere(@Ctx() ctx: RequestContext): Promise<boolean> {
    const { id } = requireUser(ctx);
    await logoutEverywhere(ctx.em, { revocations: this.deps.revocations, logger: ctx.logger }, id);
    return true;
  }

  @Query(() => User, { description: 'The signed-in user.' })
  async me(@Ctx() ctx: RequestContext): Promise<User> {
    const { id } = requireUser(ctx);
    const user = await ctx.em.findOne(User, { id, provisioned: true });
    if (!user || !user.active) throw new Unauthenticated('This account no longer exists or was deactivated.');
    return user;
  }
}
