// The reports' SQL against a real, migrated SQLite file holding a small hand-made year of training: every figure
// below was counted by hand from the fixture (see the comments), including the fiscal-year edges in Bangkok time.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
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
import { fiscalYearOf } from '../../src/lib/reports/fiscal-year.ts';
import type { ReportFilter } from '../../src/lib/reports/query.ts';
import { findRun, leave } from '../../src/server/courses/enrollment.ts';
import { downloadsByFieldAndType, topDownloadedItems, zeroResultSearches } from '../../src/server/reports/usage.ts';
import { at, seedReportFixture } from '../helpers/report-fixture.ts';
import { tempDir } from '../helpers/server.ts';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let ids: Record<string, number> = {};
const year = 2569;
const order = <C extends string>(sort: C, dir: 'asc' | 'desc' = 'desc', page = 1) => ({ sort, dir, page });

beforeAll(async () => {
  dir = tempDir('ic-reports-');
  db = openDatabase(join(dir.path, 'test.db'));
  migrateDatabase(db);
  ids = await seedReportFixture(db);
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

describe('report_enrollments and its rollups stay in step with every write', () => {
  let live: Db;
  let liveDir: ReturnType<typeof tempDir>;
  let liveIds: Record<string, number> = {};
  beforeAll(async () => {
    liveDir = tempDir('ic-reports-live-');
    live = openDatabase(join(liveDir.path, 'test.db'));
    migrateDatabase(live);
    liveIds = await seedReportFixture(live);
  });
  afterAll(() => {
    live?.$client.close();
    liveDir?.remove();
  });

  /** What the summary must hold, computed here from the source tables (fiscal year and audience in TypeScript, not SQL). */
  function expectInStep() {
    const sql = live.$client;
    type Place = { run_id: number; user_id: number; course_slug: string; fiscal_year: number; audience: string; college_id: number | null; enrolled_at: number | null; completed_at: number | null; certified: number; score: number | null };
    const sources = sql
      .prepare(
        `select e.run_id, e.user_id, r.course_slug, r.starts_on, u.role, u.student_level, u.college_id, e.enrolled_at,
           (select completed_at from completions c where c.run_id = e.run_id and c.user_id = e.user_id) as completed_at,
           (select count(*) from certificates ct where ct.run_id = e.run_id and ct.user_id = e.user_id and ct.revoked_at is null) as certified,
           (select avg(best_score) from activity_results a where a.run_id = e.run_id and a.user_id = e.user_id) as score
         from enrollments e join course_runs r on r.id = e.run_id join users u on u.id = e.user_id where e.status = 'enrolled' order by 1, 2`,
      )
      .all() as (Place & { starts_on: number; role: string; student_level: string | null })[];
    const expected: Place[] = sources.map(({ starts_on, role, student_level, ...place }) => ({
      ...place,
      fiscal_year: fiscalYearOf(starts_on),
      audience: role === 'teacher' ? 'teachers' : role === 'student' && ['vc', 'hvc', 'btech'].includes(student_level ?? '') ? 'students' : 'public',
    }));
    const actual = sql.prepare('select run_id, user_id, course_slug, fiscal_year, audience, college_id, enrolled_at, completed_at, certified, score from report_enrollments order by 1, 2').all();
    expect(actual).toEqual(expected);
    // Each rollup is the places summed by its key (rows that fell to zero stay, so only non-zero ones are compared).
    const month = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 7);
    const rollup = (key: (p: Place) => string) => {
      const sums = new Map<string, number[]>();
      for (const p of expected) {
        const s = sums.get(key(p)) ?? [0, 0, 0, 0, 0];
        sums.set(key(p), [s[0]! + 1, s[1]! + (p.completed_at === null ? 0 : 1), s[2]! + p.certified, s[3]! + (p.score ?? 0), s[4]! + (p.score === null ? 0 : 1)]);
      }
      return sums;
    };
    const stored = (table: string, key: string) =>
      new Map(
        (sql.prepare(`select ${key} as key, enrolled, completed, certified, score_sum, scored from ${table} where enrolled != 0 or scored != 0 or completed != 0`).all() as { key: string; enrolled: number; completed: number; certified: number; score_sum: number; scored: number }[]).map(
          (r) => [r.key, [r.enrolled, r.completed, r.certified, r.score_sum, r.scored]],
        ),
      );
    for (const [table, key, of] of [
      ['report_course_totals', "fiscal_year || '/' || course_slug || '/' || audience", (p: Place) => `${p.fiscal_year}/${p.course_slug}/${p.audience}`],
      ['report_college_totals', "fiscal_year || '/' || college_key || '/' || audience", (p: Place) => `${p.fiscal_year}/${p.college_id ?? 0}/${p.audience}`],
    ] as const) {
      const want = rollup(of);
      const got = stored(table, key);
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [k, sums] of want) {
        expect(got.get(k)!.slice(0, 3)).toEqual(sums.slice(0, 3));
        expect(got.get(k)![3]).toBeCloseTo(sums[3]!, 10);
        expect(got.get(k)![4]).toBe(sums[4]);
      }
    }
    const months = new Map<string, [number, number]>();
    const bump = (k: string, i: 0 | 1) => months.set(k, months.get(k)?.with(i, months.get(k)![i] + 1) as [number, number] ?? (i ? [0, 1] : [1, 0]));
    for (const p of expected) {
      if (p.enrolled_at !== null) bump(`${p.fiscal_year}/${p.course_slug}/${p.audience}/${month(p.enrolled_at)}`, 0);
      if (p.completed_at !== null) bump(`${p.fiscal_year}/${p.course_slug}/${p.audience}/${month(p.completed_at)}`, 1);
    }
    const storedMonths = sql.prepare("select fiscal_year || '/' || course_slug || '/' || audience || '/' || month as k, enrolled, completed from report_month_totals where enrolled != 0 or completed != 0").all() as { k: string; enrolled: number; completed: number }[];
    expect(new Map(storedMonths.map((r) => [r.k, [r.enrolled, r.completed]]))).toEqual(months);
  }
  const totals = (filter: Partial<ReportFilter> = {}) => trainingTotals(live, { year, ...filter });

  it('after enrolling, completing, a certificate issued and revoked, and scores recorded', () => {
    expectInStep();
    const sql = live.$client;
    const newcomer = sql.prepare("insert into users (email, password_hash, role, name_th, student_level, college_id) values ('new@example.com', '!', 'student', 'คน ใหม่', 'vc', ?) returning id").pluck().get(liveIds.c2) as number;
    liveIds.n1 = newcomer;
    sql.prepare("insert into enrollments (run_id, user_id, status, queued_at, enrolled_at) values (?, ?, 'enrolled', ?, ?)").run(liveIds.rC1, newcomer, at('2026-01-11T10:00:00+07:00'), at('2026-01-11T10:00:00+07:00'));
    expect(totals()).toMatchObject({ enrolled: 7, completed: 4, certified: 2 });
    sql.prepare('insert into completions (run_id, user_id, completed_at) values (?, ?, ?)').run(liveIds.rC1, newcomer, at('2026-02-02T10:00:00+07:00'));
    sql.prepare("insert into certificates (code, run_id, user_id, learner_name, course_title, hours, units, college, issued_at) values ('CERT-N1', ?, ?, 'x', 'y', 12, '[]', 'z', 0)").run(liveIds.rC1, newcomer);
    expect(totals()).toMatchObject({ enrolled: 7, completed: 5, certified: 3 });
    expect(trainingByMonth(live, { year }).find((m) => m.month === '2026-02')).toMatchObject({ completed: 2 });
    sql.prepare("update certificates set revoked_at = ?, revoked_reason = 'ทดสอบ' where code = 'CERT-S1'").run(Date.now());
    expect(totals()).toMatchObject({ certified: 2 });
    // A better attempt raises the newcomer's best score from nothing to 0.4, then to 0.9 (an upsert, as the app records it).
    const result = sql.prepare("insert into activity_results (run_id, user_id, activity, best_score, passed, attempts, updated_at) values (?, ?, 'q1', ?, 1, 1, 0) on conflict (run_id, user_id, activity) do update set best_score = max(best_score, excluded.best_score)");
    result.run(liveIds.rC1, newcomer, 0.4);
    result.run(liveIds.rC1, newcomer, 0.9);
    expect(trainingByAudience(live, { year, course: 'report-course-c' }).find((a) => a.audience === 'students')!.score).toBeCloseTo(0.9, 10);
    expectInStep();
  });

  it('after leaving (the waitlist’s first takes the place) and a learner changing college and role', async () => {
    const before = { c1: totals({ college: liveIds.c1 }).enrolled, c2: totals({ college: liveIds.c2 }).enrolled };
    // s1 leaves rA1 (a completion, its certificate already revoked); s3 waits there and is promoted.
    expect(await leave(live, { run: findRun(live, liveIds.rA1)!, userId: liveIds.s1, now: new Date() })).toBe(true);
    expect(live.$client.prepare('select status from enrollments where run_id = ? and user_id = ?').pluck().get(liveIds.rA1, liveIds.s3)).toBe('enrolled');
    expect(totals()).toMatchObject({ enrolled: 7, completed: 4, certified: 2 });
    expect(totals({ college: liveIds.c1 }).enrolled).toBe(before.c1 - 1);
    expect(totals({ college: liveIds.c2 }).enrolled).toBe(before.c2 + 1);
    expectInStep();
    // s2 moves from college one to college two; t2 becomes a student of no vocational level: the public.
    live.$client.prepare('update users set college_id = ? where id = ?').run(liveIds.c2, liveIds.s2);
    expect(totals({ college: liveIds.c1 }).enrolled).toBe(before.c1 - 2);
    expect(trainingByCollege(live, { year }, order('enrolled')).find((r) => r.collegeId === liveIds.c2)!.enrolled).toBe(before.c2 + 2);
    live.$client.prepare("update users set role = 'student', student_level = null where id = ?").run(liveIds.t2);
    expect(trainingByAudience(live, { year }).map((a) => [a.audience, a.enrolled])).toEqual([
      ['teachers', 1],
      ['students', 4],
      ['public', 2],
    ]);
    expectInStep();
  });

  it('after a run’s dates move it into another fiscal year, and after deletes', () => {
    const sql = live.$client;
    // rC1 (p1, s3, the newcomer) moves to 15 September 2025: fiscal year 2568.
    sql.prepare('update course_runs set starts_on = ? where id = ?').run(at('2025-09-15T09:00:00+07:00'), liveIds.rC1);
    expect(totals()).toMatchObject({ enrolled: 4 });
    expect(totals({ year: 2568 })).toMatchObject({ enrolled: 4, completed: 3 });
    expectInStep();
    sql.prepare('delete from users where id = ?').run(liveIds.n1);
    expect(totals({ year: 2568 })).toMatchObject({ enrolled: 3, completed: 2 });
    sql.prepare('delete from completions where run_id = ? and user_id = ?').run(liveIds.rB1, liveIds.t1);
    expect(totals()).toMatchObject({ enrolled: 4, completed: 1 });
    sql.prepare('delete from course_runs where id = ?').run(liveIds.rB1);
    expect(totals()).toMatchObject({ enrolled: 2, completed: 0 });
    sql.prepare('delete from enrollments where run_id = ? and user_id = ?').run(liveIds.rA1, liveIds.s2);
    sql.prepare('delete from activity_results where run_id = ? and user_id = ?').run(liveIds.rA0, liveIds.s1);
    expect(totals()).toMatchObject({ enrolled: 1 });
    expectInStep();
  });
});
