// The one place completion is computed: from the recorded events (lessons finished, activities passed, sessions
// attended, units assessed) to a completion row and a certificate. Idempotent: run it after any event, as often as
// you like; the unique (run, user) keys make a second completion or certificate impossible, even under a race.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { certificates, completions, users, type CourseRun } from '../../../db/schema/index.ts';
import { completionStatus, type CompletionStatus } from '../../lib/courses/completion.ts';
import { completionRule, type CourseOutline } from '../../lib/courses/outline.ts';
import { newCertificateCode } from '../../lib/courses/certificate-code.ts';

export interface CourseFacts {
  titleTh: string;
  hours: number;
}

type Client = Db['$client'];
type FactsStatement = ReturnType<Client['prepare']>;

/**
 * Everything the completion rule reads about one learner in one run, in one prepared statement: it runs after every
 * recorded event, where building five queries with drizzle each time cost more than the rest of the request.
 */
const factsSql = `
  select 'lesson' as kind, lesson as key from lesson_progress where run_id = @run and user_id = @user and completed_at is not null
  union all select 'activity', activity from activity_results where run_id = @run and user_id = @user and passed = 1
  union all select 'unit', unit from practical_assessments where run_id = @run and user_id = @user and result = 'passed'
  union all select 'sessions', count(*) from run_sessions where run_id = @run
  union all select 'attended', count(*) from attendance join run_sessions on run_sessions.id = attendance.session_id
    where run_sessions.run_id = @run and attendance.user_id = @user and attendance.present = 1`;
const factsStatements = new WeakMap<Client, FactsStatement>();

/** Where a learner stands in a run, from what is stored. */
export function learnerStatus(db: Db, outline: CourseOutline, runId: number, userId: number): CompletionStatus {
  let statement = factsStatements.get(db.$client);
  if (!statement) factsStatements.set(db.$client, (statement = db.$client.prepare(factsSql)));
  const facts = { completedLessons: new Set<string>(), passedActivities: new Set<string>(), sessions: 0, attended: 0, passedUnits: new Set<string>() };
  for (const { kind, key } of statement.all({ run: runId, user: userId }) as { kind: string; key: string | number }[]) {
    if (kind === 'lesson') facts.completedLessons.add(String(key));
    else if (kind === 'activity') facts.passedActivities.add(String(key));
    else if (kind === 'unit') facts.passedUnits.add(String(key));
    else if (kind === 'sessions') facts.sessions = Number(key);
    else facts.attended = Number(key);
  }
  return completionStatus(completionRule(outline), facts);
}

/**
 * Judge the learner again and, when the course is complete, record the completion and issue the certificate (each
 * at most once). Call it inside the transaction that stored the event, with the connection itself (better-sqlite3
 * runs a connection's every statement inside its open transaction), so an event and its consequence commit together.
 */
export function refreshCompletion(
  db: Db,
  context: { outline: CourseOutline; course: CourseFacts; run: CourseRun; userId: number; now: Date },
): CompletionStatus {
  const { outline, course, run, userId, now } = context;
  const status = learnerStatus(db, outline, run.id, userId);
  if (!status.complete) return status;
  db.insert(completions).values({ runId: run.id, userId, completedAt: now }).onConflictDoNothing().run();
  const learner = db.select({ nameTh: users.nameTh }).from(users).where(eq(users.id, userId)).get();
  if (!learner) return status;
  db.insert(certificates)
    .values({
      code: newCertificateCode(),
      runId: run.id,
      userId,
      learnerName: learner.nameTh,
      courseTitle: course.titleTh,
      hours: course.hours,
      units: outline.units.map((u) => `${u.code} ${u.titleTh}`),
      college: run.college,
      partner: run.partner,
      issuedAt: now,
    })
    .onConflictDoNothing({ target: [certificates.runId, certificates.userId] })
    .run();
  return status;
}
