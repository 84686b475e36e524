// Enrollment, progress, xAPI statements and completion against a real, migrated SQLite file, with the curated
// demo courses from content/.
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { activityResults, certificates, completions, courseRuns, enrollments, mailOutbox, receivedEvents, type CourseRun } from '../../db/schema/index.ts';
import { insertUser } from '../../db/seed.ts';
import { activityIri } from '../../src/lib/courses/xapi.ts';
import { enroll, leave, waitlistPosition } from '../../src/server/courses/enrollment.ts';
import { recordProgress, recordStatement, type LearnerContext } from '../../src/server/courses/events.ts';
import { readCourseOutline } from '../../src/server/courses/outline.ts';
import { outboxSender } from '../../src/server/mail/mailer.ts';
import { tempDir } from '../helpers/server.ts';

const contentDir = new URL('../../content', import.meta.url).pathname;
const outline = readCourseOutline(contentDir, 'solar-rooftop-installation-new-skill')!;
const course = { titleTh: 'การติดตั้งโซลาร์', hours: 36 };
const day = 86_400_000;
const now = new Date('2026-06-01T03:00:00Z');
let dir: ReturnType<typeof tempDir>;
let db: Db;

function newRun(overrides: Partial<CourseRun> = {}): CourseRun {
  return db
    .insert(courseRuns)
    .values({
      courseSlug: outline.course,
      code: `r-${crypto.randomUUID().slice(0, 6)}`,
      startsOn: now,
      endsOn: new Date(now.getTime() + 30 * day),
      enrollOpensAt: new Date(now.getTime() - day),
      enrollClosesAt: new Date(now.getTime() + day),
      capacity: 2,
      mode: 'online',
      college: 'วิทยาลัยเทคนิคสระบุรี',
      partner: 'บริษัท สระบุรี โซลาร์ เอ็นจิเนียริ่ง จำกัด',
      ...overrides,
    })
    .returning()
    .get();
}

const statement = (email: string, activity: string, scaled: number, id = crypto.randomUUID()) => ({
  id,
  actor: { mbox: `mailto:${email}` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: activityIri(activity) },
  result: { score: { scaled } },
});

beforeAll(() => {
  dir = tempDir('ic-courses-');
  db = openDatabase(join(dir.path, 'test.db'));
  migrateDatabase(db);
});
afterAll(() => {
  db.$client.close();
  dir.remove();
});

describe('enrollment in a run', () => {
  it('fills places, refuses when full, queues on the waitlist, and promotes with a mail when someone leaves', async () => {
    const run = newRun();
    const audience = ['vc', 'public'] as const;
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => insertUser(db)));
    const ask = (user: { id: number }, intent: 'enroll' | 'waitlist' = 'enroll') =>
      enroll(db, { run, learner: { id: user.id, role: 'student', studentLevel: 'vc' }, audience: [...audience], intent, now });
    expect(ask(a!)).toEqual({ outcome: 'enrolled' });
    expect(ask(a!)).toEqual({ outcome: 'unchanged' });
    expect(ask(b!)).toEqual({ outcome: 'enrolled' });
    expect(ask(c!)).toEqual({ outcome: 'refused', reason: 'full' });
    expect(db.select().from(enrollments).where(eq(enrollments.userId, c!.id)).all()).toEqual([]);
    expect(ask(c!, 'waitlist')).toEqual({ outcome: 'waitlisted' });
    expect(ask(d!, 'waitlist')).toEqual({ outcome: 'waitlisted' });
    expect(waitlistPosition(db, run.id, d!.id)).toBe(2);

    const mail = { send: outboxSender(db, { log: false }), courseTitle: 'โซลาร์', link: 'https://example.org/learn' };
    expect(await leave(db, { run, userId: a!.id, now, mail })).toBe(true);
    expect(await leave(db, { run, userId: a!.id, now, mail })).toBe(false);
    const statusOf = (id: number) => db.select().from(enrollments).where(and(eq(enrollments.runId, run.id), eq(enrollments.userId, id))).get()?.status;
    expect([statusOf(a!.id), statusOf(c!.id), statusOf(d!.id)]).toEqual(['left', 'enrolled', 'waitlisted']);
    expect(waitlistPosition(db, run.id, d!.id)).toBe(1);
    const mails = db.select().from(mailOutbox).where(eq(mailOutbox.recipient, c!.email)).all();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain('โซลาร์');
  });

  it('refuses outside the window and outside the audience, writing nothing', async () => {
    const late = newRun({ enrollClosesAt: new Date(now.getTime() - 1) });
    const teacherOnly = newRun();
    const student = await insertUser(db);
    const learner = { id: student.id, role: 'student' as const, studentLevel: 'vc' as const };
    expect(enroll(db, { run: late, learner, audience: ['public'], intent: 'enroll', now })).toEqual({ outcome: 'refused', reason: 'closed' });
    expect(enroll(db, { run: teacherOnly, learner, audience: ['teacher-development'], intent: 'waitlist', now })).toEqual({ outcome: 'refused', reason: 'audience' });
    expect(db.select().from(enrollments).where(eq(enrollments.userId, student.id)).all()).toEqual([]);
  });
});

describe('progress, statements and completion', () => {
  async function learner() {
    const run = newRun({ capacity: 50 });
    const user = await insertUser(db);
    enroll(db, { run, learner: { id: user.id, role: 'student', studentLevel: 'vc' }, audience: ['vc'], intent: 'enroll', now });
    const context: LearnerContext = { run, outline, course, user: { id: user.id, email: user.email }, now };
    return { run, user, context };
  }

  it('accepts each progress id once and completes the course with one certificate', async () => {
    const { run, user, context } = await learner();
    const first = crypto.randomUUID();
    expect(recordProgress(db, context, { id: first, lesson: outline.lessons[0]!.slug, position: 1, completed: true })).toMatchObject({ kind: 'recorded' });
    expect(recordProgress(db, context, { id: first, lesson: outline.lessons[1]!.slug, position: 1, completed: true })).toEqual({ kind: 'duplicate' });
    expect(recordProgress(db, context, { id: crypto.randomUUID(), lesson: 'no-such-lesson', position: 0, completed: false })).toEqual({ kind: 'refused', reason: 'unknown-lesson' });
    for (const lesson of outline.lessons.slice(1)) {
      recordProgress(db, context, { id: crypto.randomUUID(), lesson: lesson.slug, position: 1, completed: true });
    }
    const replay = statement(user.email, outline.activities[0]!.id, 0.9);
    const outcome = recordStatement(db, context, { activity: outline.activities[0]!.id, statement: replay });
    expect(outcome).toMatchObject({ kind: 'recorded', status: { complete: false } });
    expect(recordStatement(db, context, { activity: outline.activities[0]!.id, statement: replay })).toEqual({ kind: 'duplicate' });
    // A failing attempt after a pass keeps the best score.
    recordStatement(db, context, { activity: outline.activities[0]!.id, statement: statement(user.email, outline.activities[0]!.id, 0.2) });
    const best = db.select().from(activityResults).where(and(eq(activityResults.runId, run.id), eq(activityResults.userId, user.id))).get();
    expect(best).toMatchObject({ bestScore: 0.9, passed: true, attempts: 2 });
    expect(db.select().from(certificates).where(eq(certificates.userId, user.id)).all()).toEqual([]);
    const last = recordStatement(db, context, { activity: outline.activities[1]!.id, statement: statement(user.email, outline.activities[1]!.id, 1) });
    expect(last).toMatchObject({ kind: 'recorded', status: { complete: true, percent: 100 } });
    // More events after completion change nothing.
    recordProgress(db, context, { id: crypto.randomUUID(), lesson: outline.lessons[0]!.slug, position: 1, completed: true });
    expect(db.select().from(completions).where(eq(completions.userId, user.id)).all()).toHaveLength(1);
    const issued = db.select().from(certificates).where(eq(certificates.userId, user.id)).all();
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ courseTitle: course.titleTh, hours: 36, college: run.college });
  });

  it('refuses forged statements and writes nothing for them', async () => {
    const { user, context } = await learner();
    const activity = outline.activities[0]!.id;
    const before = db.select().from(receivedEvents).all().length;
    expect(recordStatement(db, context, { activity, statement: statement('someone@else.example', activity, 1) })).toEqual({ kind: 'refused', reason: 'actor' });
    expect(recordStatement(db, context, { activity: 'diesel-common-rail-parts-quiz', statement: statement(user.email, 'diesel-common-rail-parts-quiz', 1) })).toEqual({ kind: 'refused', reason: 'activity' });
    expect(recordStatement(db, context, { activity, statement: statement(user.email, outline.activities[1]!.id, 1) })).toEqual({ kind: 'refused', reason: 'activity' });
    expect(recordStatement(db, context, { activity, statement: statement(user.email, activity, 2) })).toEqual({ kind: 'refused', reason: 'score' });
    const stranger = await insertUser(db);
    expect(recordStatement(db, { ...context, user: { id: stranger.id, email: stranger.email } }, { activity, statement: statement(stranger.email, activity, 1) })).toEqual({ kind: 'refused', reason: 'not-enrolled' });
    expect(db.select().from(receivedEvents).all().length).toBe(before);
  });
});
