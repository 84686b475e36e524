// Field staff: an admin grants a person staff rights over fields of excellence (the CVM team at the host college).
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { fieldStaff, users } from '../../../db/schema/index.ts';

/** Make `userId` staff of exactly `fieldSlugs` (an empty list takes every right away), in one transaction. */
export function setStaffFields(db: Db, userId: number, fieldSlugs: readonly string[], grantedBy: number | null): void {
  db.transaction((tx) => {
    tx.delete(fieldStaff).where(eq(fieldStaff.userId, userId)).run();
    for (const fieldSlug of new Set(fieldSlugs)) tx.insert(fieldStaff).values({ userId, fieldSlug, grantedBy }).run();
  });
}

export function staffFieldsOf(db: Db, userId: number): string[] {
  return db.select({ slug: fieldStaff.fieldSlug }).from(fieldStaff).where(eq(fieldStaff.userId, userId)).orderBy(asc(fieldStaff.fieldSlug)).all().map((r) => r.slug);
}

/** Everyone with staff rights, with their fields, in Thai name order. */
export function listFieldStaff(db: Db): { id: number; nameTh: string; email: string; fields: string[] }[] {
  const rows = db
    .select({ id: users.id, nameTh: users.nameTh, email: users.email, field: fieldStaff.fieldSlug })
    .from(fieldStaff)
    .innerJoin(users, eq(users.id, fieldStaff.userId))
    .orderBy(asc(users.nameTh), asc(fieldStaff.fieldSlug))
    .all();
  const people = new Map<number, { id: number; nameTh: string; email: string; fields: string[] }>();
  for (const row of rows) {
    const person = people.get(row.id) ?? people.set(row.id, { id: row.id, nameTh: row.nameTh, email: row.email, fields: [] }).get(row.id)!;
    person.fields.push(row.field);
  }
  return [...people.values()];
}
