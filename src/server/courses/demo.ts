// Demo runs, sessions and learners at various stages for a new database outside production, so /learn, the course
// pages and the rosters show something on a fresh start. Built from the same factory (insertUser) the tests use.
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { activityResults, attendance, courseRuns, enrollments, lessonProgress, practicalAssessments, runInstructors, runSessions, users, type CourseRun } from '../../../db/schema/index.ts';
import { insertUser } from '../../../db/seed.ts';
import { readContentItems } from '../catalog/sources.ts';
import { refreshCompletion } from './completion.ts';
import { readCourseOutline } from './outline.ts';

const day = 86_400_000;

/** Demo learners besides the four demo users (README: Short courses). */
export const demoLearners = [
  { email: 'learner1@demo.example', nameTh: 'ปิยะพร ศรีสวัสดิ์ (ทดลอง)', nameEn: 'Piyaporn Srisawat (demo)', role: 'student', studentLevel: 'hvc' },
  { email: 'learner2@demo.example', nameTh: 'อนุชา บุญมา (ทดลอง)', nameEn: 'Anucha Boonma (demo)', role: 'student', studentLevel: 'public' },
  { email: 'learner3@demo.example', nameTh: 'กมลชนก แก้วใส (ทดลอง)', nameEn: 'Kamonchanok Kaewsai (demo)', role: 'student', studentLevel: 'vc' },
  { email: 'teacher2@demo.example', nameTh: 'ประเสริฐ วงศ์ช่าง (ทดลอง)', nameEn: 'Prasert Wongchang (demo)', role: 'teacher', studentLevel: null },
] as const;
export const demoLearnerPassword = 'learner-demo-2569';

interface DemoRun {
  course: string;
  code: string;
  mode: CourseRun['mode'];
  capacity: number;
  place: string | null;
  college: string;
  instructors: string[];
  sessions?: { titleTh: string; titleEn: string; inDays: number; place: string }[];
  /** email → lessons finished (a number: the first n), activities passed, attended sessions, units passed. */
  learners: Record<string, { lessons: number; activities?: number; attended?: number; units?: number; waitlisted?: boolean }>;
}

const runs: DemoRun[] = [
  {
    course: 'diesel-common-rail-diagnostics-upskill',
    code: '2569-1',
    mode: 'blended',
    capacity: 30,
    place: 'ศูนย์บริการ บริษัท แปดริ้ว ทรัค แอนด์ ดีเซล เซอร์วิส จำกัด อ.เมือง จ.ฉะเชิงเทรา',
    college: 'วิทยาลัยเทคนิคฉะเชิงเทรา',
    instructors: ['teacher@demo.example', 'expert@demo.example'],
    sessions: [
      { titleTh: 'ฝึกปฏิบัติ: อ่านรหัสข้อขัดข้องบนรถจริง', titleEn: 'Practice: reading fault codes on a real truck', inDays: -2, place: 'ศูนย์บริการของสถานประกอบการ' },
      { titleTh: 'ฝึกปฏิบัติและประเมิน: ทดสอบหัวฉีด', titleEn: 'Practice and assessment: injector tests', inDays: 5, place: 'ศูนย์บริการของสถานประกอบการ' },
    ],
    learners: {
      'student@demo.example': { lessons: 2, activities: 1, attended: 1 },
      'learner1@demo.example': { lessons: 5, activities: 2, attended: 1, units: 1 },
      'learner2@demo.example': { lessons: 0 },
    },
  },
  {
    course: 'wil-workplace-coaching-teacher-training',
    code: '2569-1',
    mode: 'online',
    capacity: 25,
    place: null,
    college: 'วิทยาลัยเทคนิคฉะเชิงเทรา',
    instructors: ['expert@demo.example'],
    learners: { 'teacher2@demo.example': { lessons: 3, activities: 1 } },
  },
  {
    course: 'solar-rooftop-installation-new-skill',
    code: '2569-1',
    mode: 'online',
    capacity: 40,
    place: null,
    college: 'วิทยาลัยเทคนิคสระบุรี',
    instructors: ['teacher@demo.example'],
    learners: { 'learner2@demo.example': { lessons: 5, activities: 2 }, 'learner3@demo.example': { lessons: 1 } },
  },
  {
    course: 'solar-rooftop-installation-new-skill',
    code: '2569-2',
    mode: 'on-site',
    capacity: 2,
    place: 'วิทยาลัยเทคนิคสระบุรี อาคารช่างไฟฟ้า',
    college: 'วิทยาลัยเทคนิคสระบุรี',
    instructors: ['teacher@demo.example'],
    sessions: [{ titleTh: 'ติดตั้งบนหลังคาจำลอง', titleEn: 'Installing on a practice roof', inDays: 10, place: 'ลานฝึกวิทยาลัยเทคนิคสระบุรี' }],
    learners: { 'learner1@demo.example': { lessons: 0 }, 'learner3@demo.example': { lessons: 0 }, 'learner2@demo.example': { lessons: 0, waitlisted: true } },
  },
];

/** Create the demo runs once, in a database that has the demo users and no runs; returns how many were created. */
export async function seedDemoCourses(db: Db, contentDir: string, options: { production: boolean; now?: Date }): Promise<number> {
  if (options.production || (db.select({ n: count() }).from(courseRuns).get()?.n ?? 0) > 0) return 0;
  if (!db.select().from(users).where(eq(users.email, 'teacher@demo.example')).get()) return 0;
  const now = options.now ?? new Date();
  const at = (days: number) => new Date(now.getTime() + days * day);
  for (const learner of demoLearners) {
    if (!db.select().from(users).where(eq(users.email, learner.email)).get()) {
      await insertUser(db, { ...learner, password: demoLearnerPassword, organization: 'วิทยาลัยเทคนิคฉะเชิงเทรา', fields: [], demo: true });
    }
  }
  const idOf = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
  const items = readContentItems(contentDir);
  db.transaction((tx) => {
    for (const demo of runs) {
      const item = items.find((i) => i.type === 'courses' && i.slug === demo.course);
      const outline = readCourseOutline(contentDir, demo.course);
      if (!item || item.type !== 'courses' || !outline) continue;
      const run = tx
        .insert(courseRuns)
        .values({
          courseSlug: demo.course,
          code: demo.code,
          startsOn: at(-7),
          endsOn: at(60),
          enrollOpensAt: at(-14),
          enrollClosesAt: at(30),
          capacity: demo.capacity,
          mode: demo.mode,
          place: demo.place,
          college: demo.college,
          partner: item.data.partner ?? null,
        })
        .returning()
        .get();
      for (const email of demo.instructors) tx.insert(runInstructors).values({ runId: run.id, userId: idOf(email) }).run();
      const sessions = (demo.sessions ?? []).map((s) =>
        tx
          .insert(runSessions)
          .values({ runId: run.id, titleTh: s.titleTh, titleEn: s.titleEn, startsAt: at(s.inDays), endsAt: new Date(at(s.inDays).getTime() + 6 * 3_600_000), place: s.place })
          .returning()
          .get(),
      );
      let queue = 0;
      for (const [email, stage] of Object.entries(demo.learners)) {
        const userId = idOf(email);
        queue += 1;
        const status = stage.waitlisted ? 'waitlisted' : 'enrolled';
        const done = outline.lessons.slice(0, stage.lessons);
        tx.insert(enrollments)
          .values({ runId: run.id, userId, status, queuedAt: at(-7 + queue / 100), enrolledAt: stage.waitlisted ? null : at(-7), lastLesson: done.at(-1)?.slug ?? null })
          .run();
        for (const lesson of done) {
          tx.insert(lessonProgress).values({ runId: run.id, userId, lesson: lesson.slug, position: 1, openedAt: at(-5), completedAt: at(-5) }).run();
        }
        for (const activity of outline.activities.slice(0, stage.activities ?? 0)) {
          tx.insert(activityResults).values({ runId: run.id, userId, activity: activity.id, bestScore: 0.8, passed: true, attempts: 1, updatedAt: at(-4) }).run();
        }
        for (const session of sessions.slice(0, stage.attended ?? 0)) {
          tx.insert(attendance).values({ sessionId: session.id, userId, present: true, markedBy: idOf(demo.instructors[0]!), markedAt: session.startsAt }).run();
        }
        for (const unit of outline.units.slice(0, stage.units ?? 0)) {
          tx.insert(practicalAssessments)
            .values({ runId: run.id, userId, unit: unit.code, result: 'passed', note: 'ทำได้ถูกต้องตามขั้นตอน', assessedBy: idOf(demo.instructors[0]!), assessedAt: at(-2) })
            .run();
        }
        refreshCompletion(db, { outline, course: { titleTh: item.data.titleTh, hours: item.data.hours }, run, userId, now: at(-1) });
      }
    }
  });
  return runs.length;
}
