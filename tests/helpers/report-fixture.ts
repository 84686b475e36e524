// The reports' hand-counted fixture, shared by the SQL tests, the page tests and the browser test.
import type { Db } from '../../db/connection.ts';
import { insertUser } from '../../db/seed.ts';
import { saveItems } from '../../src/server/catalog/store.ts';

export const at = (iso: string) => new Date(iso).getTime();

function course(slug: string, fields: string[], audience: string[], extra: Record<string, unknown> = {}) {
  return {
    type: 'courses' as const,
    slug,
    body: '',
    data: { titleTh: `หลักสูตร ${slug}`, summary: 'ทดสอบ', kind: 'up-skill', hours: 12, audience, fields, published: '2025-01-01', ...extra },
  };
}

/**
 * A small hand-made year of training (fiscal year 2569) that the reports' tests count by hand: three courses in
 * electronics, mechatronics and tourism, runs at the year's edges in Bangkok time, six learners of two colleges, with
 * completions, a revoked certificate, scores, lessons, downloads and searches. Returns the ids it made.
 */
export async function seedReportFixture(db: Db): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  const sql = db.$client;
  saveItems(db, [
    course('report-course-a', ['electronics'], ['vc'], { minTrainees: 2 }),
    course('report-teacher-b', ['electronics', 'mechatronics'], ['teacher-development']),
    course('report-course-c', ['tourism'], ['public']),
  ]);
  sql.prepare("insert or ignore into provinces (code, name_th, name_en, region) values ('10', 'กรุงเทพมหานคร', 'Bangkok', 'central')").run();
  const college = sql.prepare("insert into colleges (name_th, name_en, province_code, ownership) values (?, ?, '10', 'state') returning id").pluck();
  ids.c1 = college.get('วิทยาลัยเทคนิคหนึ่ง', 'Technical College One') as number;
  ids.c2 = college.get('วิทยาลัยเทคนิคสอง', 'Technical College Two') as number;
  sql.prepare("insert into college_fields (college_id, field_slug, \"group\") values (?, 'electronics', 'standard'), (?, 'tourism', 'standard')").run(ids.c1, ids.c2);
  const people: [string, 'teacher' | 'student', 'vc' | 'hvc' | 'public' | null, number | null][] = [
    ['t1', 'teacher', null, ids.c1],
    ['t2', 'teacher', null, ids.c2],
    ['s1', 'student', 'vc', ids.c1],
    ['s2', 'student', 'hvc', ids.c1],
    ['p1', 'student', 'public', null],
    ['s3', 'student', 'vc', ids.c2],
  ];
  for (const [name, role, studentLevel, collegeId] of people) {
    ids[name] = (await insertUser(db, { role, studentLevel, nameTh: `คน ${name}` })).id;
    sql.prepare('update users set college_id = ? where id = ?').run(collegeId, ids[name]);
  }
  const run = sql.prepare(
    "insert into course_runs (course_slug, code, starts_on, ends_on, enroll_opens_at, enroll_closes_at, capacity, mode, college) values (?, ?, ?, ?, 0, 0, 40, 'online', 'วิทยาลัยเทคนิคหนึ่ง') returning id",
  ).pluck();
  // The first and last moments of fiscal year 2569 in Bangkok, and a run one minute before it began.
  ids.rA1 = run.get('report-course-a', 'a1', at('2025-10-01T00:00:00+07:00'), at('2025-12-01T00:00:00+07:00')) as number;
  ids.rA0 = run.get('report-course-a', 'a0', at('2025-09-30T23:59:00+07:00'), at('2025-12-01T00:00:00+07:00')) as number;
  ids.rB1 = run.get('report-teacher-b', 'b1', at('2026-09-30T23:00:00+07:00'), at('2026-10-30T00:00:00+07:00')) as number;
  ids.rC1 = run.get('report-course-c', 'c1', at('2026-01-15T09:00:00+07:00'), at('2026-02-15T00:00:00+07:00')) as number;
  const enroll = sql.prepare('insert into enrollments (run_id, user_id, status, queued_at, enrolled_at) values (?, ?, ?, ?, ?)');
  const enrolled: [string, string, string, string][] = [
    ['rA1', 's1', 'enrolled', '2025-10-01T08:00:00+07:00'],
    ['rA1', 's2', 'enrolled', '2025-09-30T20:00:00Z'], // 1 October 03:00 in Bangkok: October, not September
    ['rA1', 's3', 'waitlisted', '2025-10-02T08:00:00+07:00'],
    ['rA1', 't1', 'left', '2025-10-02T08:00:00+07:00'],
    ['rA0', 's1', 'enrolled', '2025-09-01T08:00:00+07:00'],
    ['rB1', 't1', 'enrolled', '2026-09-30T10:00:00+07:00'],
    ['rB1', 't2', 'enrolled', '2026-09-30T10:00:00+07:00'],
    ['rC1', 'p1', 'enrolled', '2026-01-10T10:00:00+07:00'],
    ['rC1', 's3', 'enrolled', '2026-01-10T10:00:00+07:00'],
  ];
  for (const [r, u, status, when] of enrolled) enroll.run(ids[r], ids[u], status, at(when), status === 'waitlisted' ? null : at(when));
  const complete = sql.prepare('insert into completions (run_id, user_id, completed_at) values (?, ?, ?)');
  complete.run(ids.rA1, ids.s1, at('2025-11-15T10:00:00+07:00'));
  complete.run(ids.rA0, ids.s1, at('2025-11-15T10:00:00+07:00'));
  complete.run(ids.rB1, ids.t1, at('2026-09-30T23:30:00+07:00'));
  complete.run(ids.rB1, ids.t2, at('2026-10-01T00:30:00+07:00'));
  complete.run(ids.rC1, ids.s3, at('2026-02-01T10:00:00+07:00'));
  const certify = sql.prepare(
    "insert into certificates (code, run_id, user_id, learner_name, course_title, hours, units, college, issued_at, revoked_at) values (?, ?, ?, 'x', 'y', 12, '[]', 'z', 0, ?)",
  );
  certify.run('CERT-S1', ids.rA1, ids.s1, null);
  certify.run('CERT-S1-OLD', ids.rA0, ids.s1, null);
  certify.run('CERT-T1', ids.rB1, ids.t1, null);
  certify.run('CERT-T2', ids.rB1, ids.t2, at('2026-10-05T00:00:00Z')); // revoked: not counted
  const score = sql.prepare("insert into activity_results (run_id, user_id, activity, best_score, passed, attempts, updated_at) values (?, ?, ?, ?, 1, 1, 0)");
  score.run(ids.rA1, ids.s1, 'q1', 0.8);
  score.run(ids.rA1, ids.s1, 'q2', 0.6);
  score.run(ids.rA1, ids.s2, 'q1', 0.5);
  score.run(ids.rB1, ids.t1, 'q1', 0.9);
  score.run(ids.rC1, ids.p1, 'q1', 1.0);
  score.run(ids.rA0, ids.s1, 'q1', 0.1);
  const lesson = sql.prepare('insert into lesson_progress (run_id, user_id, lesson, position, opened_at, completed_at) values (?, ?, ?, 1, 0, ?)');
  lesson.run(ids.rA1, ids.s1, 'l1', 1);
  lesson.run(ids.rA1, ids.s1, 'l2', 1);
  lesson.run(ids.rA1, ids.s1, 'l3', null);
  const downloads = sql.prepare('insert into download_counts (item_key, day, count) values (?, ?, ?)');
  downloads.run('courses/report-course-a', '2025-10-01', 3);
  downloads.run('courses/report-course-a', '2025-09-30', 100); // fiscal year 2568
  downloads.run('courses/report-teacher-b', '2026-09-30', 2);
  const search = sql.prepare("insert into search_log (at, query, filters, hits, engine, degraded) values (?, ?, '{}', ?, 'sqlite', 0)");
  search.run(at('2025-10-01T00:00:00+07:00'), 'หุ่นยนต์', 0);
  search.run(at('2026-03-01T00:00:00+07:00'), 'หุ่นยนต์', 0);
  search.run(at('2025-09-30T23:00:00+07:00'), 'plc', 0);
  search.run(at('2026-03-01T00:00:00+07:00'), 'ไฟฟ้า', 5);
  return ids;
}
