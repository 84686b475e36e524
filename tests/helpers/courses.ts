// Course runs and their learners for tests, written straight into the server's database.
import type { Db } from '../../db/connection.ts';
import { courseRuns, enrollments } from '../../db/schema/index.ts';
import { signedInUser } from './accounts.ts';

const day = 86_400_000;

/** A run of `course` that started yesterday, open for enrolling, 30 places; `overrides` change any of it. */
export function insertRun(db: Db, course: string, overrides: Partial<typeof courseRuns.$inferInsert> = {}) {
  const now = Date.now();
  return db
    .insert(courseRuns)
    .values({
      courseSlug: course,
      code: `t-${crypto.randomUUID().slice(0, 8)}`,
      startsOn: new Date(now - day),
      endsOn: new Date(now + 30 * day),
      enrollOpensAt: new Date(now - 2 * day),
      enrollClosesAt: new Date(now + 2 * day),
      capacity: 30,
      mode: 'online',
      college: 'วิทยาลัยเทคนิคทดสอบ',
      partner: 'บริษัท ทดสอบ จำกัด',
      ...overrides,
    })
    .returning()
    .get();
}

/** A new signed-in person enrolled in the run. */
export async function enrolledLearner(db: Db, runId: number, role: 'student' | 'teacher' = 'student') {
  const learner = await signedInUser(db, { role });
  db.insert(enrollments).values({ runId, userId: learner.user.id, status: 'enrolled', queuedAt: new Date(), enrolledAt: new Date() }).run();
  return learner;
}
