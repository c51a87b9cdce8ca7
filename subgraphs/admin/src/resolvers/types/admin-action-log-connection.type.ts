import { Connection } from '@carebook/platform';
import { ObjectType } from 'type-graphql';
import { AdminActionLog } from '../../entities/admin-action-log.entity';

@ObjectType({ description: 'A page of the admin action log, newest first.' })
export class AdminActionLogConnection extends Connection(AdminActionLog) {}
