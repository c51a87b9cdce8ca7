import { Field, ObjectType } from 'type-graphql';
import { User } from '../../entities/user.entity';

@ObjectType({ description: 'A new session: a short-lived access token and the refresh token that renews it.' })
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <accessToken>".' })
  accessToken: string;

  @Field(() => String, { description: 'Exchange with refreshSession before expiresAt; each one works once.' })
  refreshToken: string;

  @Field(() => Date, { description: 'When the access token expires.' })
  expiresAt: Date;

  @Field(() => User)
  user: User;
}

@ObjectType({ description: 'A renewed session.' })
export class SessionTokens {
  @Field(() => String)
  accessToken: string;

  @Field(() => String)
  refreshToken: string;

  @Field(() => Date)
  expiresAt: Date;
}
