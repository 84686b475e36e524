// Training reports: enrollments, completions, certificates and scores of short courses, counted in SQL over the
// runs of a fiscal year (docs/decisions/017-reports-by-run-fiscal-year.md), by audience, field, college, month, course,
// run and person. Every function takes the dashboard's filter; a page of rows comes with the total for the pager.
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../../../db/connection.ts';
import type { AudienceGroup } from '../../lib/courses/catalog-filters.ts';
import { levelBit } from '../../lib/catalog/entry-columns.ts';
import { fiscalMonths, fiscalYearRange } from '../../lib/reports/fiscal-year.ts';
import { reportPageSize, type ReportFilter, type TableOrder } from '../../lib/reports/query.ts';

/** The manual's minimum of trainees for a short-course run (§3.2), when the course does not name its own. */
export const defaultMinTrainees = 20;
const teacherTrainingBit = levelBit('teacher-development');
const bangkokMs = 7 * 3_600_000;

/** Who a learner counts as: teachers by role, students by a vocational level, everyone else the public. */
const audienceSql = `case when u.role = 'teacher' then 'teachers'
  when u.role = 'student' and u.student_level in ('vc', 'hvc', 'btech') then 'students' else 'public' end`;

type Params = Record<string, string | number>;

const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
/** Filters change the SQL text, so statements are prepared once per text and connection. */
function prepared(db: Db, text: string): BetterSqlite3.Statement {
  let byText = cache.get(db.$client);
  if (!byText) cache.set(db.$client, (byText = new Map()));
  let statement = byText.get(text);
  if (!statement) byText.set(text, (statement = db.$client.prepare(text)));
  return statement;
}
const all = <T>(db: Db, text: string, params: Params) => prepared(db, text).all(params) as T[];

/**
 * The enrolled places of the filter's year (the year its run starts in) in its field, course, college and audience:
 * a scan of report_enrollments, which triggers keep in step with enrollments, completions, certificates, results,
 * learners and runs (db/schema/report-enrollments.ts), so no report joins those tables or looks rows up one by one.
 */
function scope(filter: ReportFilter): { cte: string; params: Params } {
  const { where, params } = conditions(filter, 's');
  const cte = `with learners as (
      select s.run_id, s.user_id, s.course_slug, s.college_id, s.enrolled_at, s.completed_at, s.audience,
        s.completed_at is not null as completed, s.certified, s.score
      from report_enrollments s where ${where})`;
  return { cte, params };
}

/** The filter as conditions on a table with fiscal_year, course_slug, audience (and college_id unless `college` names another column). */
function conditions(filter: ReportFilter, alias: string, college = `${alias}.college_id`): { where: string; params: Params } {
  const params: Params = { year: filter.year };
  const where = [`${alias}.fiscal_year = @year`];
  if (filter.course) {
    where.push(`${alias}.course_slug = @course`);
    params.course = filter.course;
  }
  if (filter.field) {
    where.push(`${alias}.course_slug in (${fieldCourses})`);
    params.field = filter.field;
  }
  if (filter.college) {
    where.push(`${college} = @college`);
    params.college = filter.college;
  }
  if (filter.audience) {
    where.push(`${alias}.audience = @audience`);
    params.audience = filter.audience;
  }
  return { where: where.join(' and '), params };
}

/** The slugs of a field's courses. */
const fieldCourses = `select ce.slug from catalog_entry_fields f join catalog_entries ce on ce.id = f.entry_id where f.field = @field and f.type = 'courses'`;

/** The summed measures of a rollup row (or of a group of places): places, completed, certified, score sum and count. */
const sums = 'count(*) as enrolled, count(completed_at) as completed, coalesce(sum(certified), 0) as certified, coalesce(sum(score), 0) as score_sum, count(score) as scored';
const totalsOfRows = 'sum(enrolled) as enrolled, sum(completed) as completed, sum(certified) as certified, sum(score_sum) / nullif(sum(scored), 0) as score';

/**
 * `per_course` (course_slug, audience and the sums): read from report_course_totals, a few rows per course, unless the
 * filter names a college, which only the places know.
 */
function perCourse(filter: ReportFilter): { cte: string; params: Params } {
  if (filter.college) {
    const { cte, params } = scope(filter);
    return { cte: `${cte}, per_course as (select course_slug, audience, ${sums} from learners group by course_slug, audience)`, params };
  }
  const { where, params } = conditions(filter, 't');
  return { cte: `with per_course as (select * from report_course_totals t where ${where})`, params };
}

/** `per_college` (college_id, audience and the sums): from report_college_totals unless the filter names a field or course. */
function perCollege(filter: ReportFilter): { cte: string; params: Params } {
  if (filter.field || filter.course) {
    const { cte, params } = scope(filter);
    return { cte: `${cte}, per_college as (select college_id, audience, ${sums} from learners group by college_id, audience)`, params };
  }
  const { where, params } = conditions(filter, 't', 't.college_key');
  return { cte: `with per_college as (select nullif(college_key, 0) as college_id, * from report_college_totals t where ${where})`, params };
}

/** The measures every table shows; `score` is the mean of learners' mean best activity score (0..1), null without any. */
export interface TrainingTotals {
  enrolled: number;
  completed: number;
  certified: number;
  score: number | null;
}
/** Sort expressions name the aggregates, not the aliases: inside an expression SQLite would read the row's column. */
const rate = 'sum(completed) * 1.0 / count(*)';
const measures = 'count(*) as enrolled, coalesce(sum(completed), 0) as completed, coalesce(sum(certified), 0) as certified, avg(score) as score';

export const completionRate = (t: Pick<TrainingTotals, 'enrolled' | 'completed'>) => (t.enrolled ? t.completed / t.enrolled : 0);

export function trainingTotals(db: Db, filter: ReportFilter): TrainingTotals {
  return totalsOf(trainingByAudience(db, filter));
}

/** Per audience, with `scored` (learners with a score) so the year's totals follow without another query (`totalsOf`). */
export function trainingByAudience(db: Db, filter: ReportFilter): ({ audience: AudienceGroup; scored: number } & TrainingTotals)[] {
  const { cte, params } = perCourse(filter);
  const rows = all<{ audience: AudienceGroup; scored: number } & TrainingTotals>(
    db,
    `${cte} select audience, ${totalsOfRows}, sum(scored) as scored from per_course group by audience having sum(enrolled) > 0`,
    params,
  );
  const empty = { enrolled: 0, completed: 0, certified: 0, score: null, scored: 0 };
  return (['teachers', 'students', 'public'] as const).map((audience) => rows.find((r) => r.audience === audience) ?? { audience, ...empty });
}

/** The totals of disjoint groups (the audiences): counts add up, the score is the mean weighted by learners scored. */
export function totalsOf(groups: readonly (TrainingTotals & { scored: number })[]): TrainingTotals {
  const sum = (pick: (g: TrainingTotals & { scored: number }) => number) => groups.reduce((n, g) => n + pick(g), 0);
  const scored = sum((g) => g.scored);
  return { enrolled: sum((g) => g.enrolled), completed: sum((g) => g.completed), certified: sum((g) => g.certified), score: scored ? sum((g) => (g.score ?? 0) * g.scored) / scored : null };
}

/** Per field of the runs' courses (a course in two fields counts in both), largest first. */
export function trainingByField(db: Db, filter: ReportFilter): ({ field: string } & TrainingTotals)[] {
  const { cte, params } = perCourse(filter);
  return all(
    db,
    `${cte} select f.field, ${totalsOfRows}
      from per_course p join catalog_entries ce on ce.key = 'courses/' || p.course_slug join catalog_entry_fields f on f.entry_id = ce.id
      group by f.field having sum(enrolled) > 0 order by enrolled desc, f.field`,
    params,
  );
}

export interface CollegeTotals extends TrainingTotals {
  collegeId: number | null;
  nameTh: string | null;
  nameEn: string | null;
  teachersEnrolled: number;
  teachersCompleted: number;
  studentsEnrolled: number;
  studentsCompleted: number;
  total: number;
}
export const collegeSorts = ['completed', 'name', 'enrolled', 'rate', 'teachersCompleted', 'studentsCompleted'] as const;

/** Per learner's college (those without one together, `collegeId` null): the "by college" table, sortable and paged. */
export function trainingByCollege(db: Db, filter: ReportFilter, order: TableOrder<(typeof collegeSorts)[number]>, pageSize = reportPageSize): CollegeTotals[] {
  const { cte, params } = perCollege(filter);
  const by = { completed: 'p.completed', name: 'co.name_th', enrolled: 'p.enrolled', rate: 'p.completed * 1.0 / p.enrolled', teachersCompleted: 'p.teachersCompleted', studentsCompleted: 'p.studentsCompleted' }[order.sort];
  const of = (audience: AudienceGroup, measure: string) => `sum(case when audience = '${audience}' then ${measure} else 0 end)`;
  return all(
    db,
    `${cte}, by_college as (
        select college_id, ${totalsOfRows},
          ${of('teachers', 'enrolled')} as teachersEnrolled, ${of('teachers', 'completed')} as teachersCompleted,
          ${of('students', 'enrolled')} as studentsEnrolled, ${of('students', 'completed')} as studentsCompleted
        from per_college group by college_id having sum(enrolled) > 0)
      select p.college_id as collegeId, co.name_th as nameTh, co.name_en as nameEn, p.enrolled, p.completed, p.certified, p.score,
        p.teachersEnrolled, p.teachersCompleted, p.studentsEnrolled, p.studentsCompleted, count(*) over () as total
      from by_college p left join colleges co on co.id = p.college_id
      order by ${by} ${order.dir}, co.name_th limit @limit offset @offset`,
    { ...params, limit: pageSize, offset: (order.page - 1) * pageSize },
  );
}

/** Enrollments (by the day the place was taken) and completions per month of the fiscal year, Bangkok calendar. */
export function trainingByMonth(db: Db, filter: ReportFilter): { month: string; enrolled: number; completed: number }[] {
  let source: { cte: string; params: Params };
  if (filter.college) {
    const { cte, params } = scope(filter);
    const month = (column: string) => `strftime('%Y-%m', (${column} + ${bangkokMs}) / 1000, 'unixepoch')`;
    source = {
      cte: `${cte}, per_month as (
          select ${month('enrolled_at')} as month, 1 as enrolled, 0 as completed from learners
          union all select ${month('completed_at')}, 0, 1 from learners where completed_at is not null)`,
      params,
    };
  } else {
    const { where, params } = conditions(filter, 't');
    source = { cte: `with per_month as (select month, enrolled, completed from report_month_totals t where ${where})`, params };
  }
  const rows = all<{ month: string; enrolled: number; completed: number }>(db, `${source.cte} select month, sum(enrolled) as enrolled, sum(completed) as completed from per_month group by month`, source.params);
  return fiscalMonths(filter.year).map((m) => ({ month: m, enrolled: rows.find((r) => r.month === m)?.enrolled ?? 0, completed: rows.find((r) => r.month === m)?.completed ?? 0 }));
}

/** A course's title and smallest class, read from the catalog (file items keep data in the entry, web items in their row). */
const courseFacts = `ce.title_th as titleTh, ce.title_en as titleEn,
  coalesce(json_extract(coalesce(ce.data, ci.data), '$.minTrainees'), ${defaultMinTrainees}) as minTrainees`;
const courseJoin = (slugColumn: string) =>
  `left join catalog_entries ce on ce.key = 'courses/' || ${slugColumn} left join catalog_items ci on ci.id = ce.row_id`;

export interface CourseTotals extends TrainingTotals {
  course: string;
  titleTh: string | null;
  titleEn: string | null;
  runs: number;
  total: number;
}
export const courseSorts = ['enrolled', 'title', 'completed', 'rate', 'certified', 'score', 'runs'] as const;

export function trainingByCourse(db: Db, filter: ReportFilter, order: TableOrder<(typeof courseSorts)[number]>, pageSize = reportPageSize): CourseTotals[] {
  const { cte, params } = scope(filter);
  const by = { enrolled: 'count(*)', title: 'ce.rank_th', completed: 'sum(completed)', rate, certified: 'sum(certified)', score: 'avg(score)', runs: 'runs' }[order.sort];
  return all(
    db,
    `${cte} select l.course_slug as course, ce.title_th as titleTh, ce.title_en as titleEn, count(distinct l.run_id) as runs, ${measures},
        count(*) over () as total
      from learners l ${courseJoin('l.course_slug')}
      group by l.course_slug order by ${by} ${order.dir}, l.course_slug limit @limit offset @offset`,
    { ...params, limit: pageSize, offset: (order.page - 1) * pageSize },
  );
}

export interface RunTotals extends TrainingTotals {
  runId: number;
  course: string;
  code: string;
  startsOn: number;
  college: string;
  titleTh: string | null;
  titleEn: string | null;
  minTrainees: number;
  /** Everyone holding a place, whatever the audience and college filters: what the minimum is judged on. */
  places: number;
  total: number;
}
export const runSorts = ['starts', 'code', 'enrolled', 'completed', 'rate', 'certified', 'score', 'places'] as const;

/** The runs in scope with their counts (a run with no learner in the filter's audience or college still shows, with zero). */
export function trainingByRun(db: Db, filter: ReportFilter, order: TableOrder<(typeof runSorts)[number]>, pageSize = reportPageSize): RunTotals[] {
  const { cte, params } = scope(filter);
  const { start, end } = fiscalYearRange(filter.year);
  const runWhere = ['r.starts_on >= @start', 'r.starts_on < @end'];
  if (filter.course) runWhere.push('r.course_slug = @course');
  if (filter.field) runWhere.push(`r.course_slug in (${fieldCourses})`);
  const by = { starts: 'r.starts_on', code: 'r.code', enrolled: 'coalesce(p.enrolled, 0)', completed: 'coalesce(p.completed, 0)', rate: 'coalesce(p.completed, 0) * 1.0 / max(coalesce(p.enrolled, 0), 1)', certified: 'coalesce(p.certified, 0)', score: 'p.score', places: 'places' }[order.sort];
  return all(
    db,
    `${cte}, per_run as (select run_id, ${measures} from learners group by run_id)
      select r.id as runId, r.course_slug as course, r.code, r.starts_on as startsOn, r.college, ${courseFacts},
        coalesce(p.enrolled, 0) as enrolled, coalesce(p.completed, 0) as completed, coalesce(p.certified, 0) as certified, p.score,
        ${places('r.id')} as places,
        count(*) over () as total
      from course_runs r left join per_run p on p.run_id = r.id ${courseJoin('r.course_slug')}
      where ${runWhere.join(' and ')}
      order by ${by} ${order.dir}, r.id limit @limit offset @offset`,
    { ...params, start, end, limit: pageSize, offset: (order.page - 1) * pageSize },
  );
}

/** Everyone holding a place in a run, whatever the filters: what its minimum is judged on. */
const places = (runId: string) => `(select count(*) from report_enrollments pl where pl.run_id = ${runId})`;

/** Short-course runs of the year against their minimum of trainees, per field. */
export function runsMeetingMinimum(db: Db, filter: Pick<ReportFilter, 'year' | 'field'>): { field: string; runs: number; met: number }[] {
  const { start, end } = fiscalYearRange(filter.year);
  return all(
    db,
    `select f.field, count(*) as runs,
        coalesce(sum(${places('r.id')} >= coalesce(json_extract(coalesce(ce.data, ci.data), '$.minTrainees'), ${defaultMinTrainees})), 0) as met
      from course_runs r join catalog_entries ce on ce.key = 'courses/' || r.course_slug
        left join catalog_items ci on ci.id = ce.row_id join catalog_entry_fields f on f.entry_id = ce.id
      where r.starts_on >= @start and r.starts_on < @end ${filter.field ? 'and f.field = @field' : ''}
      group by f.field order by f.field`,
    filter.field ? { start, end, field: filter.field } : { start, end },
  );
}

/**
 * Teacher-training courses (audience teacher-development) with a run in the year, per field: the target is at least
 * one. `teachersCompleted` counts the teachers holding a place in those runs who completed them.
 */
export function teacherTrainingByField(db: Db, filter: Pick<ReportFilter, 'year' | 'field'>): { field: string; courses: number; runs: number; teachersCompleted: number }[] {
  const { start, end } = fiscalYearRange(filter.year);
  return all(
    db,
    `with training as (
        select ce.slug, f.field from catalog_entries ce join catalog_entry_fields f on f.entry_id = ce.id
        where ce.type = 'courses' and (ce.levels & @bit) != 0 ${filter.field ? 'and f.field = @field' : ''}),
      done as (
        select t.field, sum(p.completed) as n from training t
          join report_course_totals p on p.fiscal_year = @year and p.course_slug = t.slug and p.audience = 'teachers' group by t.field)
      select t.field, count(distinct r.course_slug) as courses, count(distinct r.id) as runs, coalesce(d.n, 0) as teachersCompleted
      from training t join course_runs r on r.course_slug = t.slug left join done d on d.field = t.field
      where r.starts_on >= @start and r.starts_on < @end
      group by t.field order by t.field`,
    { start, end, year: filter.year, bit: teacherTrainingBit, ...(filter.field ? { field: filter.field } : {}) },
  );
}

export interface LearnerRow {
  userId: number;
  nameTh: string;
  nameEn: string | null;
  email: string;
  audience: AudienceGroup;
  collegeId: number | null;
  collegeTh: string | null;
  collegeEn: string | null;
  lessonsDone: number;
  score: number | null;
  completedAt: number | null;
  certificate: string | null;
  total: number;
}
export const learnerSorts = ['name', 'progress', 'score', 'completed', 'college'] as const;

/** A run's enrolled learners with their progress (lessons finished), mean best score, completion date and certificate. */
export function runLearners(db: Db, runId: number, filter: Pick<ReportFilter, 'audience' | 'college'>, order: TableOrder<(typeof learnerSorts)[number]>, pageSize = reportPageSize): LearnerRow[] {
  const params: Params = { run: runId, limit: pageSize, offset: (order.page - 1) * pageSize };
  const where = ['e.run_id = @run', "e.status = 'enrolled'"];
  if (filter.college) {
    where.push('u.college_id = @college');
    params.college = filter.college;
  }
  if (filter.audience) {
    where.push(`(${audienceSql}) = @audience`);
    params.audience = filter.audience;
  }
  const by = { name: 'u.name_th', progress: 'lessonsDone', score: 'score', completed: 'completedAt', college: 'co.name_th' }[order.sort];
  return all(
    db,
    `select u.id as userId, u.name_th as nameTh, u.name_en as nameEn, u.email, ${audienceSql} as audience,
        u.college_id as collegeId, co.name_th as collegeTh, co.name_en as collegeEn,
        (select count(*) from lesson_progress p where p.run_id = e.run_id and p.user_id = e.user_id and p.completed_at is not null) as lessonsDone,
        (select avg(a.best_score) from activity_results a where a.run_id = e.run_id and a.user_id = e.user_id) as score,
        c.completed_at as completedAt, ct.code as certificate, count(*) over () as total
      from enrollments e join users u on u.id = e.user_id left join colleges co on co.id = u.college_id
        left join completions c on c.run_id = e.run_id and c.user_id = e.user_id
        left join certificates ct on ct.run_id = e.run_id and ct.user_id = e.user_id and ct.revoked_at is null
      where ${where.join(' and ')}
      order by ${by} ${order.dir} nulls last, u.name_th, u.id limit @limit offset @offset`,
    params,
  );
}

export interface PersonRow {
  userId: number;
  nameTh: string;
  nameEn: string | null;
  email: string;
  audience: AudienceGroup;
  enrolled: number;
  completed: number;
  certified: number;
  total: number;
}
export const personSorts = ['name', 'enrolled', 'completed', 'certified'] as const;

/** A college's teachers and students with what they took in the filter's year (and field, course, audience). */
export function collegePeople(db: Db, collegeId: number, filter: ReportFilter, order: TableOrder<(typeof personSorts)[number]>, pageSize = reportPageSize): PersonRow[] {
  const { cte, params } = scope({ ...filter, college: collegeId });
  const audienceWhere = filter.audience ? `and (${audienceSql}) = @audience` : '';
  const by = { name: 'u.name_th', enrolled: 'coalesce(p.enrolled, 0)', completed: 'coalesce(p.completed, 0)', certified: 'coalesce(p.certified, 0)' }[order.sort];
  return all(
    db,
    `${cte}, per_person as (select user_id, count(*) as enrolled, sum(completed) as completed, sum(certified) as certified from learners group by user_id)
      select u.id as userId, u.name_th as nameTh, u.name_en as nameEn, u.email, ${audienceSql} as audience,
        coalesce(p.enrolled, 0) as enrolled, coalesce(p.completed, 0) as completed, coalesce(p.certified, 0) as certified,
        count(*) over () as total
      from users u left join per_person p on p.user_id = u.id
      where u.college_id = @college and u.role in ('teacher', 'student') ${audienceWhere}
      order by ${by} ${order.dir}, u.name_th, u.id limit @limit offset @offset`,
    { ...params, limit: pageSize, offset: (order.page - 1) * pageSize },
  );
}

/** A learner's own history: every run they hold a place in, newest first, with what they achieved. */
export function learnerHistory(db: Db, userId: number): { runId: number; course: string; titleTh: string | null; titleEn: string | null; code: string; startsOn: number; lessonsDone: number; score: number | null; completedAt: number | null; certificate: string | null }[] {
  return all(
    db,
    `select r.id as runId, r.course_slug as course, ce.title_th as titleTh, ce.title_en as titleEn, r.code, r.starts_on as startsOn,
        (select count(*) from lesson_progress p where p.run_id = r.id and p.user_id = e.user_id and p.completed_at is not null) as lessonsDone,
        (select avg(a.best_score) from activity_results a where a.run_id = r.id and a.user_id = e.user_id) as score,
        c.completed_at as completedAt, ct.code as certificate
      from enrollments e join course_runs r on r.id = e.run_id ${courseJoin('r.course_slug')}
        left join completions c on c.run_id = r.id and c.user_id = e.user_id
        left join certificates ct on ct.run_id = r.id and ct.user_id = e.user_id and ct.revoked_at is null
      where e.user_id = @user and e.status = 'enrolled' order by r.starts_on desc, r.id`,
    { user: userId },
  );
}

/** Whether a run's course belongs to `field` (a field's staff may open only their field's runs). */
export function runInField(db: Db, runId: number, field: string): boolean {
  return (
    prepared(
      db,
      `select 1 from course_runs r join catalog_entries ce on ce.key = 'courses/' || r.course_slug
        join catalog_entry_fields f on f.entry_id = ce.id and f.field = @field where r.id = @run`,
    ).get({ run: runId, field }) !== undefined
  );
}

/** Whether a college is in a field's network (a field's staff may open only those colleges' people). */
export function collegeInField(db: Db, collegeId: number, field: string): boolean {
  return prepared(db, 'select 1 from college_fields where college_id = @college and field_slug = @field').get({ college: collegeId, field }) !== undefined;
}

export function findReportRun(db: Db, runId: number): { id: number; course: string; code: string; startsOn: number; college: string; titleTh: string | null; titleEn: string | null; minTrainees: number } | undefined {
  return prepared(
    db,
    `select r.id, r.course_slug as course, r.code, r.starts_on as startsOn, r.college, ${courseFacts}
      from course_runs r ${courseJoin('r.course_slug')} where r.id = @run`,
  ).get({ run: runId }) as never;
}

export function findReportCollege(db: Db, collegeId: number): { id: number; nameTh: string; nameEn: string } | undefined {
  return prepared(db, 'select id, name_th as nameTh, name_en as nameEn from colleges where id = @college').get({ college: collegeId }) as never;
}

export function courseInField(db: Db, course: string, field: string): boolean {
  return (
    prepared(db, `select 1 from catalog_entries ce join catalog_entry_fields f on f.entry_id = ce.id and f.field = @field where ce.key = 'courses/' || @course`).get({ course, field }) !==
    undefined
  );
}

/** The courses a filter can name: those of a field (every course when none), in Thai title order. */
export function reportCourseChoices(db: Db, field?: string): { slug: string; titleTh: string; titleEn: string | null }[] {
  return field
    ? (prepared(
        db,
        `select ce.slug, ce.title_th as titleTh, ce.title_en as titleEn from catalog_entry_fields f join catalog_entries ce on ce.id = f.entry_id
          where f.field = @field and f.type = 'courses' order by ce.rank_th`,
      ).all({ field }) as never)
    : (prepared(db, `select slug, title_th as titleTh, title_en as titleEn from catalog_entries where type = 'courses' and status = 'published' order by rank_th`).all() as never);
}
