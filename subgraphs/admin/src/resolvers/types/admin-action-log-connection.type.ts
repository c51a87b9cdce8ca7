import { PageInfo } from '@carebook/platform';
import { Field, ObjectType } from 'type-graphql';
import { AdminActionLog } from '../../entities/admin-action-log.entity';

@ObjectType()
export class AdminActionLogEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => AdminActionLog)
  node: AdminActionLog;
}

@ObjectType({ description: 'A page of the admin action log, newest first.' })
export class AdminActionLogConnection {
  @Field(() => [AdminActionLogEdge])
  edges: AdminActionLogEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
