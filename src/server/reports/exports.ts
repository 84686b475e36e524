// Every report table as CSV or XLSX with the page's filters (and sort), through the one table writer. Headers name
// each column in Thai and English, since one file serves both. Drill-down tables check the run or college the same
// way their pages do.
import type { APIContext } from 'astro';
import type { ExportColumn } from '../../lib/export/csv.ts';
import { reportFilterFrom, tableOrder } from '../../lib/reports/query.ts';
import { fieldLabel } from '../../lib/fields/label.ts';
import { exportQuerySchema, queryObject } from '../../lib/network/query.ts';
import { listFields } from '../catalog/fields.ts';
import { getDb } from '../db.ts';
import { exportResponse } from '../export/table-export.ts';
import { reportScope, scopedCollege, scopedCourse, scopedRun, taughtRun, type ReportScope } from './pages.ts';
import {
  collegePeople,
  collegeSorts,
  completionRate,
  courseSorts,
  learnerSorts,
  personSorts,
  runLearners,
  runSorts,
  runsMeetingMinimum,
  teacherTrainingByField,
  trainingByAudience,
  trainingByCollege,
  trainingByCourse,
  trainingByField,
  trainingByMonth,
  trainingByRun,
} from './training.ts';
import { downloadsByFieldAndType, topDownloadedItems, zeroResultSearches } from './usage.ts';

/** A download is one query, not pages. */
const exportLimit = 100_000;
const allRows = { page: 1 };
const share = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 10);
const day = (ms: number | null) => (ms === null ? null : new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10));

const audienceTh = { teachers: 'ครู', students: 'นักเรียน นักศึกษา', public: 'ประชาชนทั่วไป' } as const;
const h = {
  enrolled: 'ผู้ลงทะเบียน / Enrolled',
  completed: 'ผู้ผ่านการอบรม / Completed',
  rate: 'อัตราการผ่าน (%) / Completion rate (%)',
  certified: 'วุฒิบัตรที่ออก / Certificates',
  score: 'คะแนนเฉลี่ย (%) / Average score (%)',
  field: 'สาขาวิชา / Field',
  college: 'สถานศึกษา / College',
} as const;

export const reportTables = ['audience', 'fields', 'months', 'colleges', 'courses', 'runs', 'learners', 'people', 'minimum', 'teacher-training', 'downloads', 'top-items', 'searches'] as const;
type ReportTableName = (typeof reportTables)[number];

const learnerColumns: ExportColumn<ReturnType<typeof runLearners>[number]>[] = [
  { header: 'ชื่อ / Name', value: (r) => r.nameTh },
  { header: 'อีเมล / Email', value: (r) => r.email },
  { header: 'กลุ่ม / Audience', value: (r) => r.audience },
  { header: h.college, value: (r) => r.collegeTh },
  { header: 'บทเรียนที่จบ / Lessons finished', value: (r) => r.lessonsDone },
  { header: h.score, value: (r) => share(r.score) },
  { header: 'วันที่ผ่าน / Completed on', value: (r) => day(r.completedAt) },
  { header: 'วุฒิบัตร / Certificate', value: (r) => r.certificate },
];

/** A run's learners for its instructors and admins (/teach/<run>/export); 404 for anyone else, as /teach/<run> answers. */
export async function runLearnersExport(context: APIContext): Promise<Response> {
  const run = await taughtRun(context);
  if (run instanceof Response) return run;
  const runId = run.id;
  const url = context.url;
  const { format } = exportQuerySchema.parse(queryObject(url));
  const rows = runLearners(getDb(), runId, reportFilterFrom(url), { ...tableOrder(url, learnerSorts, 'asc'), page: 1 }, exportLimit);
  return exportResponse(format, { name: `ผู้เรียน-รุ่น-${runId}`, fallbackName: `learners-run-${runId}` }, learnerColumns, rows);
}

/** The drill-down checks read the run, course or college from the route; an export names it in its query instead. */
const withParam = (context: APIContext, name: string, value: string) => ({
  params: { ...context.params, [name]: value },
  locals: context.locals,
  url: context.url,
  rewrite: context.rewrite.bind(context),
});

function columnsOf<Row>(columns: ExportColumn<Row>[]): ExportColumn<Row>[] {
  return columns;
}

async function build(context: APIContext, scope: ReportScope, table: ReportTableName): Promise<{ columns: ExportColumn<never>[]; rows: unknown[]; name: string } | Response> {
  const db = getDb();
  const { filter } = scope;
  const url = context.url;
  const fields = await listFields();
  const fieldName = (slug: string) => {
    const f = fields.find((x) => x.slug === slug);
    return f ? `${fieldLabel(f, 'th')} (${slug})` : slug;
  };
  const totals = <R extends { enrolled: number; completed: number; certified: number; score: number | null }>() => [
    { header: h.enrolled, value: (r: R) => r.enrolled },
    { header: h.completed, value: (r: R) => r.completed },
    { header: h.rate, value: (r: R) => share(r.enrolled ? completionRate(r) : null) },
    { header: h.certified, value: (r: R) => r.certified },
    { header: h.score, value: (r: R) => share(r.score) },
  ];
  const paged = <C extends string>(sorts: readonly [C, ...C[]], dir: 'asc' | 'desc') => ({ ...tableOrder(url, sorts, dir), ...allRows });
  switch (table) {
    case 'audience': {
      type R = ReturnType<typeof trainingByAudience>[number];
      const columns = columnsOf<R>([{ header: 'กลุ่มผู้เรียน / Audience', value: (r) => `${audienceTh[r.audience]} / ${r.audience}` }, ...totals<R>()]);
      return { columns: columns as never, rows: trainingByAudience(db, filter), name: 'audience' };
    }
    case 'fields': {
      type R = ReturnType<typeof trainingByField>[number];
      return { columns: columnsOf<R>([{ header: h.field, value: (r) => fieldName(r.field) }, ...totals<R>()]) as never, rows: trainingByField(db, filter), name: 'fields' };
    }
    case 'months': {
      type R = ReturnType<typeof trainingByMonth>[number];
      const columns = columnsOf<R>([
        { header: 'เดือน / Month', value: (r) => r.month },
        { header: h.enrolled, value: (r) => r.enrolled },
        { header: h.completed, value: (r) => r.completed },
      ]);
      return { columns: columns as never, rows: trainingByMonth(db, filter), name: 'months' };
    }
    case 'colleges': {
      type R = ReturnType<typeof trainingByCollege>[number];
      const columns = columnsOf<R>([
        { header: h.college, value: (r) => r.nameTh ?? 'ไม่ระบุสถานศึกษา / No college' },
        ...totals<R>(),
        { header: 'ครูที่ลงทะเบียน / Teachers enrolled', value: (r) => r.teachersEnrolled },
        { header: 'ครูที่ผ่าน / Teachers completed', value: (r) => r.teachersCompleted },
        { header: 'นักเรียนที่ลงทะเบียน / Students enrolled', value: (r) => r.studentsEnrolled },
        { header: 'นักเรียนที่ผ่าน / Students completed', value: (r) => r.studentsCompleted },
      ]);
      return { columns: columns as never, rows: trainingByCollege(db, filter, paged(collegeSorts, 'desc'), exportLimit), name: 'colleges' };
    }
    case 'courses': {
      type R = ReturnType<typeof trainingByCourse>[number];
      const columns = columnsOf<R>([{ header: 'หลักสูตร / Course', value: (r) => r.titleTh ?? r.course }, { header: 'รหัส / Slug', value: (r) => r.course }, { header: 'จำนวนรุ่น / Runs', value: (r) => r.runs }, ...totals<R>()]);
      return { columns: columns as never, rows: trainingByCourse(db, filter, paged(courseSorts, 'desc'), exportLimit), name: 'courses' };
    }
    case 'runs': {
      const course = url.searchParams.get('course') ?? '';
      const checked = scopedCourse(withParam(context, 'course', course), scope);
      if (typeof checked !== 'string') return await checked;
      type R = ReturnType<typeof trainingByRun>[number];
      const columns = columnsOf<R>([
        { header: 'รุ่น / Run', value: (r) => r.code },
        { header: 'เริ่ม / Starts', value: (r) => day(r.startsOn) },
        { header: 'สถานที่จัด / Held at', value: (r) => r.college },
        { header: 'จำนวนที่นั่งที่มีผู้ลงทะเบียน / Places taken', value: (r) => r.places },
        { header: 'ขั้นต่ำ / Minimum', value: (r) => r.minTrainees },
        ...totals<R>(),
      ]);
      return { columns: columns as never, rows: trainingByRun(db, { ...filter, course: checked }, paged(runSorts, 'asc'), exportLimit), name: `runs-${checked}` };
    }
    case 'learners': {
      const runId = scopedRun(withParam(context, 'run', url.searchParams.get('run') ?? ''), scope);
      if (typeof runId !== 'number') return await runId;
      return { columns: learnerColumns as never, rows: runLearners(db, runId, filter, paged(learnerSorts, 'asc'), exportLimit), name: `learners-run-${runId}` };
    }
    case 'people': {
      const collegeId = scopedCollege(withParam(context, 'college', url.searchParams.get('college') ?? ''), scope);
      if (typeof collegeId !== 'number') return await collegeId;
      type R = ReturnType<typeof collegePeople>[number];
      const columns = columnsOf<R>([
        { header: 'ชื่อ / Name', value: (r) => r.nameTh },
        { header: 'อีเมล / Email', value: (r) => r.email },
        { header: 'กลุ่ม / Audience', value: (r) => r.audience },
        { header: h.enrolled, value: (r) => r.enrolled },
        { header: h.completed, value: (r) => r.completed },
        { header: h.certified, value: (r) => r.certified },
      ]);
      return { columns: columns as never, rows: collegePeople(db, collegeId, filter, paged(personSorts, 'asc'), exportLimit), name: `people-college-${collegeId}` };
    }
    case 'minimum': {
      type R = ReturnType<typeof runsMeetingMinimum>[number];
      const columns = columnsOf<R>([
        { header: h.field, value: (r) => fieldName(r.field) },
        { header: 'จำนวนรุ่น / Runs', value: (r) => r.runs },
        { header: 'รุ่นที่ถึงขั้นต่ำ / Runs meeting the minimum', value: (r) => r.met },
      ]);
      return { columns: columns as never, rows: runsMeetingMinimum(db, filter), name: 'runs-minimum' };
    }
    case 'teacher-training': {
      const found = teacherTrainingByField(db, filter);
      const slugs = filter.field ? [filter.field] : fields.map((f) => f.slug);
      const rows = slugs.map((field) => found.find((r) => r.field === field) ?? { field, courses: 0, runs: 0, teachersCompleted: 0 });
      type R = (typeof rows)[number];
      const columns = columnsOf<R>([
        { header: h.field, value: (r) => fieldName(r.field) },
        { header: 'หลักสูตรพัฒนาครู / Teacher-training courses', value: (r) => r.courses },
        { header: 'จำนวนรุ่น / Runs', value: (r) => r.runs },
        { header: 'ครูที่ผ่าน / Teachers completed', value: (r) => r.teachersCompleted },
        { header: 'ถึงเป้า (อย่างน้อย 1) / Target met (at least 1)', value: (r) => (r.courses >= 1 ? 'ใช่ / yes' : 'ไม่ / no') },
      ]);
      return { columns: columns as never, rows, name: 'teacher-training' };
    }
    case 'downloads': {
      type R = ReturnType<typeof downloadsByFieldAndType>[number];
      const columns = columnsOf<R>([{ header: h.field, value: (r) => fieldName(r.field) }, { header: 'ประเภท / Type', value: (r) => r.type }, { header: 'ดาวน์โหลด / Downloads', value: (r) => r.downloads }]);
      return { columns: columns as never, rows: downloadsByFieldAndType(db, filter), name: 'downloads' };
    }
    case 'top-items': {
      type R = ReturnType<typeof topDownloadedItems>[number];
      const columns = columnsOf<R>([{ header: 'รายการ / Item', value: (r) => r.titleTh }, { header: 'ประเภท / Type', value: (r) => r.type }, { header: 'รหัส / Key', value: (r) => r.key }, { header: 'ดาวน์โหลด / Downloads', value: (r) => r.downloads }]);
      return { columns: columns as never, rows: topDownloadedItems(db, filter, 100), name: 'top-items' };
    }
    case 'searches': {
      type R = ReturnType<typeof zeroResultSearches>[number];
      const columns = columnsOf<R>([{ header: 'คำค้น / Query', value: (r) => r.query }, { header: 'จำนวนครั้ง / Searches', value: (r) => r.searches }]);
      return { columns: columns as never, rows: zeroResultSearches(db, filter.year, 1000), name: 'searches-without-results' };
    }
  }
}

/** GET …/export?table=…&format=csv|xlsx&<filters>: 404 for an unknown table. */
export async function reportExport(context: APIContext): Promise<Response> {
  const scope = await reportScope(context);
  if (scope instanceof Response) return scope;
  const query = queryObject(context.url);
  const table = reportTables.find((t) => t === query.table);
  if (!table) return context.rewrite('/404');
  const built = await build(context, scope, table);
  if (built instanceof Response) return built;
  const { format } = exportQuerySchema.parse(query);
  const suffix = `${scope.filter.field ?? 'all-fields'}-${scope.filter.year}`;
  return exportResponse(format, { name: `รายงาน-${built.name}-${suffix}`, fallbackName: `report-${built.name}-${suffix}` }, built.columns, built.rows as never[]);
}
