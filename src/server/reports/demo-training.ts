// Generated training history with a fixed seed: the demo's (so a fresh start's /admin/reports shows two fiscal years
// of figures) and bench/reports' (100,000 learners, 500 courses, 2,000 runs, millions of activity events). One
// transaction, prepared statements; learners get no usable password (they exist to be counted, not to sign in).
import type { Db } from '../../../db/connection.ts';
import { random } from '../../lib/seeded-random.ts';
import { fiscalYearOf, fiscalYearRange } from '../../lib/reports/fiscal-year.ts';
import { saveItems } from '../catalog/store.ts';
import { createIndicator, listIndicators, setTarget } from './indicators.ts';

export interface TrainingSize {
  learners: number;
  /** New courses to make (spread over `fields`); 0 uses the catalog's courses. */
  courses: number;
  runs: number;
  /** xAPI statements stored in all (activity_statements), the bulk of a real year's rows. */
  events: number;
  /** Fiscal years back from the current one that runs are spread over. */
  years: number;
}

export const demoTrainingSize: TrainingSize = { learners: 600, courses: 0, runs: 40, events: 6000, years: 2 };

const day = 86_400_000;

/** Write the generated history into a migrated database that has the catalog and (ideally) colleges; returns counts. */
export function generateTraining(db: Db, fields: readonly string[], size: TrainingSize, options: { seed?: number; now?: Date } = {}) {
  const rand = random(options.seed ?? 20_569);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sql = db.$client;
  if (size.courses > 0) {
    const kinds = ['new-skill', 'up-skill', 're-skill'] as const;
    const audiences = [['vc', 'hvc'], ['teacher-development'], ['public'], ['hvc', 'btech'], ['short-course', 'public']];
    saveItems(
      db,
      Array.from({ length: size.courses }, (_, i) => ({
        type: 'courses' as const,
        slug: `gen-course-${i + 1}`,
        body: '',
        data: {
          titleTh: `หลักสูตรฝึกอบรมที่ ${i + 1}`,
          titleEn: `Generated course ${i + 1}`,
          summary: 'หลักสูตรที่สร้างขึ้นสำหรับทดสอบรายงาน',
          kind: pick(kinds),
          hours: 12 + Math.floor(rand() * 48),
          audience: i % 5 === 1 ? ['teacher-development'] : pick(audiences),
          fields: [...new Set([pick(fields), ...(rand() < 0.2 ? [pick(fields)] : [])])],
          published: '2024-06-01',
        },
      })),
    );
  }
  const courses = sql.prepare("select slug from catalog_entries where type = 'courses' and status = 'published' order by id").pluck().all() as string[];
  const colleges = sql.prepare('select id, name_th as name from colleges order by id').all() as { id: number; name: string }[];
  const now = (options.now ?? new Date()).getTime();
  const current = fiscalYearOf(now);
  const first = fiscalYearRange(current - size.years + 1).start;
  return sql.transaction(() => {
    const firstUser = (sql.prepare('select coalesce(max(id), 0) from users').pluck().get() as number) + 1;
    const user = sql.prepare(
      "insert into users (email, password_hash, role, name_th, name_en, student_level, college_id, email_verified_at, demo) values (?, '!', ?, ?, ?, ?, ?, ?, 1)",
    );
    const surnames = ['ใจดี', 'มีสุข', 'รักเรียน', 'ศรีสวัสดิ์', 'ทองคำ', 'แก้วมณี', 'บุญมา', 'สายใจ'];
    const given = ['สมชาย', 'สมหญิง', 'วิชัย', 'มาลี', 'ประเสริฐ', 'อรทัย', 'สุริยา', 'กนกพร', 'ธนากร', 'พิมพ์ชนก'];
    for (let i = 0; i < size.learners; i++) {
      const r = rand();
      const role = r < 0.2 ? 'teacher' : 'student';
      const level = role === 'teacher' ? null : r < 0.85 ? pick(['vc', 'hvc', 'btech'] as const) : 'public';
      const college = level === 'public' || colleges.length === 0 ? null : pick(colleges).id;
      user.run(`learner-${firstUser + i}@generated.example`, role, `${pick(given)} ${pick(surnames)}`, null, level, college, now, );
    }
    const learnerCount = size.learners;
    const run = sql.prepare(
      "insert into course_runs (course_slug, code, starts_on, ends_on, enroll_opens_at, enroll_closes_at, capacity, mode, college) values (?, ?, ?, ?, ?, ?, ?, 'online', ?) returning id",
    ).pluck();
    const enroll = sql.prepare("insert or ignore into enrollments (run_id, user_id, status, queued_at, enrolled_at) values (?, ?, 'enrolled', ?, ?)");
    const complete = sql.prepare('insert or ignore into completions (run_id, user_id, completed_at) values (?, ?, ?)');
    const certify = sql.prepare(
      "insert or ignore into certificates (code, run_id, user_id, learner_name, course_title, hours, units, college, issued_at) values (?, ?, ?, 'ผู้เรียน', 'หลักสูตร', 12, '[]', ?, ?)",
    );
    const result = sql.prepare('insert or ignore into activity_results (run_id, user_id, activity, best_score, passed, attempts, updated_at) values (?, ?, ?, ?, ?, 1, ?)');
    const lesson = sql.prepare('insert or ignore into lesson_progress (run_id, user_id, lesson, position, opened_at, completed_at) values (?, ?, ?, 1, ?, ?)');
    const statement = sql.prepare("insert into activity_statements (id, run_id, user_id, activity, verb, score_scaled, success, statement, stored_at) values (?, ?, ?, ?, 'answered', ?, ?, '{}', ?)");
    const span = Math.max(day, Math.min(now, fiscalYearRange(current).end) - first);
    const enrolledPairs: [number, number, number][] = [];
    let certificates = 0;
    for (let r = 0; r < size.runs; r++) {
      const course = courses[r % courses.length]!;
      const startsOn = first + Math.floor(rand() * span);
      const college = colleges.length ? pick(colleges).name : 'วิทยาลัยเทคนิค';
      const runId = run.get(course, `g${r + 1}`, startsOn, startsOn + 30 * day, startsOn - 30 * day, startsOn, 250, college) as number;
      // Most runs reach the manual's 20; some do not.
      const seats = rand() < 0.25 ? 5 + Math.floor(rand() * 15) : 20 + Math.floor(rand() * (2 * Math.max(1, (learnerCount * 2.5) / size.runs) - 20));
      for (let s = 0; s < seats; s++) {
        const userId = firstUser + Math.floor(rand() * learnerCount);
        const enrolledAt = startsOn - Math.floor(rand() * 20 * day);
        if (enroll.run(runId, userId, enrolledAt, enrolledAt).changes === 0) continue;
        enrolledPairs.push([runId, userId, startsOn]);
        const score = Math.round(rand() * 100) / 100;
        result.run(runId, userId, 'quiz-1', score, score >= 0.6 ? 1 : 0, startsOn + 5 * day);
        result.run(runId, userId, 'quiz-2', Math.round(rand() * 100) / 100, 1, startsOn + 10 * day);
        const lessons = Math.floor(rand() * 6);
        for (let l = 0; l < lessons; l++) lesson.run(runId, userId, `lesson-${l + 1}`, startsOn + l * day, startsOn + l * day);
        if (rand() < 0.6 && startsOn + 30 * day < now) {
          const completedAt = startsOn + (20 + Math.floor(rand() * 15)) * day;
          complete.run(runId, userId, completedAt);
          if (rand() < 0.9) {
            certificates += 1;
            certify.run(`GEN-${runId}-${userId}`, runId, userId, college, completedAt);
          }
        }
      }
    }
    // The statements as the learners' browsers sent them, spread over the enrollments.
    for (let e = 0; e < size.events && enrolledPairs.length > 0; e++) {
      const [runId, userId, startsOn] = enrolledPairs[e % enrolledPairs.length]!;
      const score = Math.round(rand() * 100) / 100;
      statement.run(`00000000-0000-4000-8000-${String(e).padStart(12, '0')}`, runId, userId, e % 2 ? 'quiz-1' : 'quiz-2', score, score >= 0.6 ? 1 : 0, startsOn + (e % 30) * day);
    }
    // Downloads per item per Bangkok day and searches that found nothing, for the usage tables.
    const items = sql.prepare("select key from catalog_entries where status = 'published' order by id").pluck().all() as string[];
    const download = sql.prepare('insert into download_counts (item_key, day, count) values (?, ?, ?) on conflict (item_key, day) do update set count = count + excluded.count');
    for (let d = 0; d < Math.min(730, Math.ceil((now - first) / day)); d += 3) {
      const dayText = new Date(now - d * day + 7 * 3_600_000).toISOString().slice(0, 10);
      for (let k = 0; k < 8; k++) download.run(pick(items), dayText, 1 + Math.floor(rand() * 9));
    }
    const search = sql.prepare("insert into search_log (at, query, filters, hits, engine, degraded) values (?, ?, '{}', 0, 'sqlite', 0)");
    const wanted = ['หุ่นยนต์เชื่อม', 'โดรนเกษตร', 'รถยนต์ไฟฟ้า แบตเตอรี่', 'plc siemens', 'ระบบราง', 'ai ในโรงงาน', 'การบินเบื้องต้น'];
    for (let s = 0; s < 300; s++) search.run(first + Math.floor(rand() * (now - first)), pick(wanted));
    return { learners: learnerCount, runs: size.runs, enrollments: enrolledPairs.length, certificates, events: Math.min(size.events, enrolledPairs.length ? size.events : 0) };
  })();
}

/** The demo's history, once, on a new database outside production (after the demo users, courses and network). */
export function seedDemoTraining(db: Db, fields: readonly string[], options: { production: boolean }): number {
  if (options.production) return 0;
  if ((db.$client.prepare("select count(*) from users where email like '%@generated.example'").pluck().get() as number) > 0) return 0;
  if ((db.$client.prepare("select count(*) from users where email = 'teacher@demo.example'").pluck().get() as number) === 0) return 0;
  const made = generateTraining(db, fields, demoTrainingSize).enrollments;
  // Four indicators with this year's targets in every field, so the indicators page has something to show.
  if (listIndicators(db).length === 0) {
    const year = fiscalYearOf(new Date());
    const demo = [
      { nameTh: 'ครูที่ผ่านหลักสูตรพัฒนาครู', nameEn: 'Teachers who completed teacher training', unit: 'คน', source: 'teachers-trained', target: 10 },
      { nameTh: 'ผู้เข้าอบรมที่ได้รับวุฒิบัตร', nameEn: 'Trainees certified', unit: 'คน', source: 'trainees-certified', target: 40 },
      { nameTh: 'ข้อตกลงความร่วมมือที่ลงนาม', nameEn: 'Agreements signed', unit: 'ฉบับ', source: 'mous-signed', target: 3 },
      { nameTh: 'สถานประกอบการที่ร่วมจัดการเรียนการสอน', nameEn: 'Establishments co-teaching', unit: 'แห่ง', source: 'manual', target: 5 },
    ] as const;
    for (const indicator of demo) {
      const id = createIndicator(db, indicator, null);
      for (const field of fields) setTarget(db, { indicatorId: id, field, year, target: indicator.target });
    }
  }
  return made;
}
