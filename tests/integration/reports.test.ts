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
