import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * One refresh token, stored as its SHA-256 hash. Tokens rotate: each use
 * spends the token and issues the next one in the same family; a spent token
 * shown again means it leaked, so the whole family is revoked.
 */
@Entity({ tableName: 'refresh_tokens' })
@Index({ properties: ['familyId'] })
@Index({ properties: ['userId'] })
export class RefreshToken {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash: string;

  @Property({ type: 'string', length: 36 })
  userId: string;

  @Property({ type: 'string', length: 36 })
  familyId: string;

  @Property({ type: 'datetime', length: 3 })
  expiresAt: Date;

  @Property({ type: 'datetime', length: 3, nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime', length: 3, nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
