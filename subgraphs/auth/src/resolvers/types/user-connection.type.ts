import { Connection } from '@carebook/platform';
import { ObjectType } from 'type-graphql';
import { User } from '../../entities/user.entity';

@ObjectType({ description: 'A page of users, newest first.' })
export class UserConnection extends Connection(User) {}
