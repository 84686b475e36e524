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
 * Everything the completion rule reads about some learners in one run, in one prepared statement: it runs after every
 * recorded event (and for a roster's page of learners at once), where building five queries with drizzle each time
 * cost more than the rest of the request.
 */
const factsSql = `
  with learner(id) as (select value from json_each(@users))
  select user_id as user, 'lesson' as kind, lesson as key from lesson_progress
    where run_id = @run and user_id in (select id from learner) and completed_at is not null
  union all select user_id, 'activity', activity from activity_results
    where run_id = @run and user_id in (select id from learner) and passed = 1
  union all select user_id, 'unit', unit from practical_assessments
    where run_id = @run and user_id in (select id from learner) and result = 'passed'
  union all select attendance.user_id, 'attended', count(*) from attendance join run_sessions on run_sessions.id = attendance.session_id
    where run_sessions.run_id = @run and attendance.user_id in (select id from learner) and attendance.present = 1 group by attendance.user_id
  union all select null, 'sessions', count(*) from run_sessions where run_id = @run`;
const factsStatements = new WeakMap<Client, FactsStatement>();

interface Facts {
  completedLessons: Set<string>;
  passedActivities: Set<string>;
  sessions: number;
  attended: number;
  passedUnits: Set<string>;
}

/** Where each of `userIds` stands in a run, from what is stored: one query for all of them. */
export function learnerStatuses(db: Db, outline: CourseOutline, runId: number, userIds: readonly number[]): Map<number, CompletionStatus> {
  let statement = factsStatements.get(db.$client);
  if (!statement) factsStatements.set(db.$client, (statement = db.$client.prepare(factsSql)));
  const facts = new Map<number, Facts>(userIds.map((id) => [id, { completedLessons: new Set(), passedActivities: new Set(), sessions: 0, attended: 0, passedUnits: new Set() }]));
  let sessions = 0;
  for (const { user, kind, key } of statement.all({ run: runId, users: JSON.stringify(userIds) }) as { user: number | null; kind: string; key: string | number }[]) {
    if (kind === 'sessions') sessions = Number(key);
    const mine = user === null ? undefined : facts.get(user);
    if (!mine) continue;
    if (kind === 'lesson') mine.completedLessons.add(String(key));
    else if (kind === 'activity') mine.passedActivities.add(String(key));
    else if (kind === 'unit') mine.passedUnits.add(String(key));
    else if (kind === 'attended') mine.attended = Number(key);
  }
  const rule = completionRule(outline);
  return new Map([...facts].map(([id, mine]) => [id, completionStatus(rule, { ...mine, sessions })]));
}

/** Where a learner stands in a run, from what is stored. */
export function learnerStatus(db: Db, outline: CourseOutline, runId: number, userId: number): CompletionStatus {
  return learnerStatuses(db, outline, runId, [userId]).get(userId)!;
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
