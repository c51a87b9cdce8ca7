import { PageInfo } from '@carebook/platform';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../../entities/user.entity';

@ObjectType()
export class UserEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => User)
  node: User;
}

@ObjectType({ description: 'A page of users, newest first.' })
export class UserConnection {
  @Field(() => [UserEdge])
  edges: UserEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
