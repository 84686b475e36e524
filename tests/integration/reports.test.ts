// The reports' SQL against a real, migrated SQLite file holding a small hand-made year of training: every figure
// below was counted by hand from the fixture (see the comments), including the fiscal-year edges in Bangkok time.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { insertUser } from '../../db/seed.ts';
import { saveItems } from '../../src/server/catalog/store.ts';
import {
  collegeInField,
  collegePeople,
  learnerHistory,
  runInField,
  runLearners,
  runsMeetingMinimum,
  teacherTrainingByField,
  trainingByAudience,
  trainingByCollege,
  trainingByCourse,
  trainingByField,
  trainingByMonth,
  trainingByRun,
  trainingTotals,
} from '../../src/server/reports/training.ts';
import { downloadsByFieldAndType, topDownloadedItems, zeroResultSearches } from '../../src/server/reports/usage.ts';
import { tempDir } from '../helpers/server.ts';

let dir: ReturnType<typeof tempDir>;
let db: Db;
const at = (iso: string) => new Date(iso).getTime();
const ids: Record<string, number> = {};
const year = 2569;
const order = <C extends string>(sort: C, dir: 'asc' | 'desc' = 'desc', page = 1) => ({ sort, dir, page });

function course(slug: string, fields: string[], audience: string[], extra: Record<string, unknown> = {}) {
  return {
    type: 'courses' as const,
    slug,
    body: '',
    data: { titleTh: `หลักสูตร ${slug}`, summary: 'ทดสอบ', kind: 'up-skill', hours: 12, audience, fields, published: '2025-01-01', ...extra },
  };
}

beforeAll(async () => {
  dir = tempDir('ic-reports-');
  db = openDatabase(join(dir.path, 'test.db'));
  migrateDatabase(db);
  const sql = db.$client;
  saveItems(db, [
    course('report-course-a', ['electronics'], ['vc'], { minTrainees: 2 }),
    course('report-teacher-b', ['electronics', 'mechatronics'], ['teacher-development']),
    course('report-course-c', ['tourism'], ['public']),
  ]);
  sql.prepare("insert into provinces (code, name_th, name_en, region) values ('10', 'กรุงเทพมหานคร', 'Bangkok', 'central')").run();
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
});
afterAll(() => {
  db?.$client.close();
  dir?.remove();
});

describe('training counts of a fiscal year', () => {
  it('counts enrolled learners of the year’s runs, their completions, valid certificates and mean score', () => {
    // rA1: s1 s2 (s3 waitlisted, t1 left); rB1: t1 t2; rC1: p1 s3. rA0 began the minute before the year.
    const totals = trainingTotals(db, { year });
    expect(totals).toMatchObject({ enrolled: 6, completed: 4, certified: 2 });
    // Scores: s1 (0.8 + 0.6) / 2 = 0.7, s2 0.5, t1 0.9, p1 1.0; t2 and s3 have none.
    expect(totals.score).toBeCloseTo((0.7 + 0.5 + 0.9 + 1.0) / 4, 10);
    expect(trainingTotals(db, { year: 2568 })).toMatchObject({ enrolled: 1, completed: 1, certified: 1 });
  });

  it('splits by audience: teachers by role, students by vocational level, everyone else the public', () => {
    const rows = trainingByAudience(db, { year });
    expect(rows.map((r) => [r.audience, r.enrolled, r.completed, r.certified])).toEqual([
      ['teachers', 2, 2, 1],
      ['students', 3, 2, 1],
      ['public', 1, 0, 0],
    ]);
    expect(rows[0]!.score).toBeCloseTo(0.9, 10);
    expect(rows[1]!.score).toBeCloseTo(0.6, 10);
    expect(rows[2]!.score).toBeCloseTo(1, 10);
  });

  it('filters by field, college, audience and course', () => {
    expect(trainingTotals(db, { year, field: 'electronics' })).toMatchObject({ enrolled: 4, completed: 3, certified: 2 });
    expect(trainingTotals(db, { year, college: ids.c1 })).toMatchObject({ enrolled: 3, completed: 2, certified: 2 });
    expect(trainingTotals(db, { year, field: 'electronics', audience: 'teachers' })).toMatchObject({ enrolled: 2, completed: 2 });
    expect(trainingTotals(db, { year, course: 'report-course-c' })).toMatchObject({ enrolled: 2, completed: 1, certified: 0 });
  });

  it('answers "teachers of a field who completed training this year, by college"', () => {
    const rows = trainingByCollege(db, { year, field: 'electronics', audience: 'teachers' }, order('name', 'asc'));
    expect(rows.map((r) => [r.nameTh, r.teachersCompleted, r.total])).toEqual([
      ['วิทยาลัยเทคนิคสอง', 1, 2],
      ['วิทยาลัยเทคนิคหนึ่ง', 1, 2],
    ]);
    const all = trainingByCollege(db, { year }, order('enrolled'));
    expect(all.map((r) => [r.collegeId, r.enrolled, r.studentsCompleted])).toEqual([
      [ids.c1, 3, 1],
      [ids.c2, 2, 1],
      [null, 1, 0],
    ]);
  });

  it('counts a course in each of its fields', () => {
    expect(trainingByField(db, { year }).map((r) => [r.field, r.enrolled, r.completed])).toEqual([
      ['electronics', 4, 3],
      ['mechatronics', 2, 2],
      ['tourism', 2, 1],
    ]);
  });

  it('places enrollments and completions in Bangkok months of the year', () => {
    const months = trainingByMonth(db, { year });
    expect(months.map((m) => m.month)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    const pick = (m: string) => months.find((x) => x.month === m)!;
    expect(pick('2025-10')).toMatchObject({ enrolled: 2, completed: 0 });
    expect(pick('2026-01')).toMatchObject({ enrolled: 2, completed: 0 });
    expect(pick('2026-09')).toMatchObject({ enrolled: 2, completed: 1 }); // t2 completed in October 2026 in Bangkok
    expect(pick('2025-11').completed + pick('2026-02').completed).toBe(2);
  });

  it('sorts and pages the course and run tables', () => {
    const byRate = trainingByCourse(db, { year }, order('rate'));
    expect(byRate.map((r) => [r.course, r.enrolled, r.completed, r.runs])).toEqual([
      ['report-teacher-b', 2, 2, 1],
      ['report-course-a', 2, 1, 1],
      ['report-course-c', 2, 1, 1],
    ]);
    const page2 = trainingByCourse(db, { year }, order('rate', 'desc', 2), 2);
    expect(page2.map((r) => [r.course, r.total])).toEqual([['report-course-c', 3]]);
    const runs = trainingByRun(db, { year, course: 'report-course-a' }, order('starts', 'asc'));
    expect(runs.map((r) => [r.code, r.enrolled, r.places, r.minTrainees])).toEqual([['a1', 2, 2, 2]]);
    // A run keeps its row when the audience filter leaves none of its learners.
    const teachersOnly = trainingByRun(db, { year, field: 'electronics', audience: 'teachers' }, order('starts', 'asc'));
    expect(teachersOnly.map((r) => [r.code, r.enrolled, r.places])).toEqual([['a1', 0, 2], ['b1', 2, 2]]);
  });

  it('judges runs against their minimum of trainees and counts teacher-training courses per field', () => {
    // rA1 holds 2 of its course's minimum 2; rB1 and rC1 hold 2 of the manual's 20.
    expect(runsMeetingMinimum(db, { year })).toEqual([
      { field: 'electronics', runs: 2, met: 1 },
      { field: 'mechatronics', runs: 1, met: 0 },
      { field: 'tourism', runs: 1, met: 0 },
    ]);
    expect(teacherTrainingByField(db, { year })).toEqual([
      { field: 'electronics', courses: 1, runs: 1, teachersCompleted: 2 },
      { field: 'mechatronics', courses: 1, runs: 1, teachersCompleted: 2 },
    ]);
    expect(teacherTrainingByField(db, { year: 2568, field: 'electronics' })).toEqual([]);
  });
});

describe('drill-down to people', () => {
  it('lists a run’s learners with progress, score, completion date and certificate, sorted and paged', () => {
    const rows = runLearners(db, ids.rA1, {}, order('score'));
    expect(rows.map((r) => [r.userId, r.lessonsDone, r.certificate, r.completedAt, r.total])).toEqual([
      [ids.s1, 2, 'CERT-S1', at('2025-11-15T10:00:00+07:00'), 2],
      [ids.s2, 0, null, null, 2],
    ]);
    expect(rows[0]!.score).toBeCloseTo(0.7, 10);
    expect(runLearners(db, ids.rA1, {}, order('score', 'desc', 2), 1).map((r) => r.userId)).toEqual([ids.s2]);
    expect(runLearners(db, ids.rB1, { college: ids.c2 }, order('name', 'asc')).map((r) => r.userId)).toEqual([ids.t2]);
  });

  it('lists a college’s teachers and students with what they took in the year', () => {
    const rows = collegePeople(db, ids.c1, { year }, order('name', 'asc'));
    expect(rows.map((r) => [r.nameTh, r.audience, r.enrolled, r.completed, r.certified])).toEqual([
      ['คน s1', 'students', 1, 1, 1],
      ['คน s2', 'students', 1, 0, 0],
      ['คน t1', 'teachers', 1, 1, 1],
    ]);
    expect(collegePeople(db, ids.c1, { year, audience: 'teachers' }, order('name', 'asc')).map((r) => r.userId)).toEqual([ids.t1]);
  });

  it('gives a learner their own history and tells which runs and colleges belong to a field', () => {
    expect(learnerHistory(db, ids.s1).map((r) => [r.code, r.certificate])).toEqual([
      ['a1', 'CERT-S1'],
      ['a0', 'CERT-S1-OLD'],
    ]);
    expect(runInField(db, ids.rA1, 'electronics')).toBe(true);
    expect(runInField(db, ids.rC1, 'electronics')).toBe(false);
    expect(collegeInField(db, ids.c1, 'electronics')).toBe(true);
    expect(collegeInField(db, ids.c2, 'electronics')).toBe(false);
  });
});

describe('use of the repository in a fiscal year', () => {
  it('sums downloads per field and type and ranks items, counting only the year’s Bangkok days', () => {
    expect(downloadsByFieldAndType(db, { year })).toEqual([
      { field: 'electronics', type: 'courses', downloads: 5 },
      { field: 'mechatronics', type: 'courses', downloads: 2 },
    ]);
    expect(downloadsByFieldAndType(db, { year, field: 'mechatronics' })).toEqual([{ field: 'mechatronics', type: 'courses', downloads: 2 }]);
    expect(topDownloadedItems(db, { year }).map((r) => [r.key, r.downloads])).toEqual([
      ['courses/report-course-a', 3],
      ['courses/report-teacher-b', 2],
    ]);
    expect(topDownloadedItems(db, { year: 2568 }).map((r) => [r.key, r.downloads])).toEqual([['courses/report-course-a', 100]]);
  });

  it('lists the year’s searches that found nothing', () => {
    expect(zeroResultSearches(db, year)).toEqual([{ query: 'หุ่นยนต์', searches: 2, lastHits: 0 }]);
    expect(zeroResultSearches(db, 2568)).toEqual([{ query: 'plc', searches: 1, lastHits: 0 }]);
  });
});
