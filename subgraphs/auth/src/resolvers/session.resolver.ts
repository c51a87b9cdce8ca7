import { RequestContext, requireUser, Unauthenticated } from '@carebook/platform';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { login } from '../domain/login';
import { registerPatient } from '../domain/registration';
import { rotateSession } from '../domain/sessions';
import { User } from '../entities/user.entity';
import type { AuthDeps } from './auth-deps';
import { RegisterPatientInput } from './inputs/register-patient.input';
import { AuthPayload, SessionTokens } from './types/auth-payload.type';

@Resolver()
export class SessionResolver {
  constructor(private readonly deps: AuthDeps) {}

  @Mutation(() => AuthPayload, { description: 'Opens a patient account and signs in. Anyone may call it.' })
  registerPatient(@Arg('input', () => RegisterPatientInput) input: RegisterPatientInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return registerPatient(ctx.em, { ...this.deps, logger: ctx.logger }, input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password.' })
  login(@Arg('email', () => String) email: string, @Arg('password', () => String) password: string, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return login(ctx.em, this.deps, email, password, ctx.clientIp);
  }

  @Mutation(() => SessionTokens, { description: 'Exchanges a refresh token for a new pair; each refresh token works once.' })
  refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: RequestContext): Promise<SessionTokens> {
    return rotateSession(ctx.em, this.deps.sessions, refreshToken);
  }

  @Query(() => User, { description: 'The signed-in user.' })
  async me(@Ctx() ctx: RequestContext): Promise<User> {
    const { id } = requireUser(ctx);
    const user = await ctx.em.findOne(User, { id, provisioned: true });
    if (!user || !user.active) throw new Unauthenticated('This account no longer exists or was deactivated.');
    return user;
  }
}
