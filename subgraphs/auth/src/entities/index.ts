import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

export const entities = [User, RefreshToken];
export { RefreshToken, User };
