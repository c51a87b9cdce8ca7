import { PasswordResetToken } from './password-reset-token.entity';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

export const entities = [User, RefreshToken, PasswordResetToken];
export { PasswordResetToken, RefreshToken, User };
