import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A password-reset link's token, stored only as its SHA-256 hash (the token
 * itself exists in the email alone). Valid once, for a short while; asking
 * again replaces the user's earlier, unused ones.
 */
@Entity({ tableName: 'password_reset_tokens' })
@Index({ properties: ['userId'] })
export class PasswordResetToken {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash: string;

  @Property({ type: 'string', length: 36 })
  userId: string;

  @Property({ type: 'datetime', length: 3 })
  expiresAt: Date;

  /** When it was spent (or replaced by a newer one); a token is taken with one conditional update on this. */
  @Property({ type: 'datetime', length: 3, nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
