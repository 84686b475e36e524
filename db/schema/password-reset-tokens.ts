import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users.ts';

export const emailLinkPurposes = ['password', 'verify-email'] as const;

/**
 * One-time emailed links: setting a password (reset, invitation) or confirming a new account's email. Like
 * sessions, the id is the SHA-256 (hex) of the emailed token.
 */
export const passwordResetTokens = sqliteTable(
  'password_reset_tokens',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    purpose: text('purpose', { enum: emailLinkPurposes }).notNull().default('password'),
  },
  (t) => [index('password_reset_tokens_user_id').on(t.userId)],
);
