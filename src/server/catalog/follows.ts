// Following a field of excellence: a signed-in person asks to be told what is published in a field, on /account.
import { z } from 'astro/zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { fieldFollows } from '../../../db/schema/index.ts';
import { langFromPath, localePath } from '../../i18n/index.ts';
import type { CatalogItem } from '../../lib/content/types.ts';
import { formAction, handleForm, type FormContext } from '../forms.ts';
import { getDb } from '../db.ts';
import { catalog } from './catalog.ts';

export function followField(db: Db, userId: number, fieldSlug: string): void {
  db.insert(fieldFollows).values({ userId, fieldSlug }).onConflictDoNothing().run();
}

export function unfollowField(db: Db, userId: number, fieldSlug: string): void {
  db.delete(fieldFollows).where(and(eq(fieldFollows.userId, userId), eq(fieldFollows.fieldSlug, fieldSlug))).run();
}

/** The fields a person follows, each with when they started, oldest first. */
export function followedFields(db: Db, userId: number): { fieldSlug: string; since: Date }[] {
  return db
    .select({ fieldSlug: fieldFollows.fieldSlug, since: fieldFollows.createdAt })
    .from(fieldFollows)
    .where(eq(fieldFollows.userId, userId))
    .orderBy(fieldFollows.createdAt)
    .all();
}

export function isFollowing(db: Db, userId: number, fieldSlug: string): boolean {
  return db.select({ f: fieldFollows.fieldSlug }).from(fieldFollows).where(and(eq(fieldFollows.userId, userId), eq(fieldFollows.fieldSlug, fieldSlug))).get() !== undefined;
}

export interface FollowedItem {
  item: CatalogItem;
  field: string;
  /** Published on or after the day the person started following its field. */
  isNew: boolean;
}

/** The newest items of the fields a person follows, newest first, each once; those published since they followed are new. */
export function newInFollowedFields(db: Db, userId: number, limit = 10): FollowedItem[] {
  const seen = new Set<string>();
  const found: FollowedItem[] = [];
  for (const { fieldSlug, since } of followedFields(db, userId)) {
    for (const item of catalog().latest(limit, fieldSlug)) {
      const key = `${item.type}/${item.slug}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Items carry a day, not a time: one published the day someone followed is new to them.
      const followDay = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate());
      found.push({ item, field: fieldSlug, isNew: item.data.published.getTime() >= followDay });
    }
  }
  return found.sort((a, b) => b.item.data.published.getTime() - a.item.data.published.getTime()).slice(0, limit);
}

const followSchema = z.object({ intent: z.enum(['follow', 'unfollow']) });

/**
 * A field page's "follow this field" form: signed in, it follows or unfollows and comes back to the page; signed out,
 * it goes to sign in and back.
 */
export async function fieldFollowForm(astro: FormContext, fieldSlug: string) {
  const lang = langFromPath(astro.url.pathname);
  const page = localePath(lang, `/fields/${fieldSlug}`);
  const run = (follow: boolean) =>
    formAction(followSchema, () => {
      const user = astro.locals.user;
      if (!user) return astro.redirect(`${localePath(lang, '/login')}?next=${encodeURIComponent(page)}`, 303);
      (follow ? followField : unfollowField)(getDb(), user.id, fieldSlug);
      return astro.redirect(`${page}?followed=${follow ? 1 : 0}#follow`, 303);
    });
  return handleForm(astro, { follow: run(true), unfollow: run(false) });
}
