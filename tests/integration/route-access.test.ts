// STYLE.md convention 3: one table says, for every route in src/pages and every visitor (anonymous, each role, staff
// of the route's field and of another field, a college's reporter), what a GET and a POST (a mutation) get: allowed, sent to sign in, or
// refused with 403 or 404. The routes are opened with real ids (an article of the expert's, a run the teacher
// teaches, the student's certificate), so the pages' own checks are walked too, not only the middleware's table
// (src/lib/auth/access.ts, whose rules must each name existing routes). A route without an entry fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.ts';
import { certificates, courseRuns, enrollments, runInstructors, runSessions } from '../../db/schema/index.ts';
import { accessFor, routeAccess } from '../../src/lib/auth/access.ts';
import { newCertificateCode } from '../../src/lib/courses/certificate-code.ts';
import { roles } from '../../src/lib/auth/roles.ts';
import { getPage, insertUser, multipartForm, openServerDb, postForm, postMultipart, signedInUser } from '../helpers/accounts.ts';
import { routePatterns } from '../helpers/pages.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

/** The field a route's `[field]` is filled with: the field the staff visitors below are (or are not) staff of. */
const staffField = 'electronics';
const visitors = ['anonymous', ...roles, 'staff-of-this-field', 'staff-of-another-field', 'college-reporter'] as const;
type Visitor = (typeof visitors)[number];
const staffVisitors = { 'staff-of-this-field': [staffField], 'staff-of-another-field': ['tourism'] } as const;

/** `ok`: answered (2xx, 3xx other than to sign in, or the page's own 4xx for a bad form); or sent to sign in; or refused. */
type Outcome = 'ok' | 'sign-in' | 403 | 404;
type Expect = Record<Visitor, Outcome>;

const all = (outcome: Outcome): Expect => Object.fromEntries(visitors.map((v) => [v, outcome])) as Expect;
const open = all('ok');
const signedIn: Expect = { ...all('ok'), anonymous: 'sign-in' };
/** Only `allowed` (admins are named where they are allowed); everyone else signed in gets `refused`. */
const only = (allowed: readonly Visitor[], refused: 403 | 404 = 403): Expect => ({
  ...all(refused),
  anonymous: 'sign-in',
  ...Object.fromEntries(allowed.map((v) => [v, 'ok'])),
});
const admins = only(['admin']);
const writers = only(['expert', 'admin']);
const fieldStaff = only(['admin', 'staff-of-this-field']);
const instructors = only(['teacher', 'admin'], 404);
const authorOnly: Expect = { ...only(['expert']), admin: 404 };
/** Field staff of any field and admins (the page then judges the item or course by its fields). */
const anyFieldStaff = only(['admin', 'staff-of-this-field', 'staff-of-another-field']);

interface Entry {
  /** The path to open (default: the pattern itself); `[field]` is always staffField. */
  url?: () => string;
  get: Expect;
  /** What a form POST gets; `no-post`: the route takes none (405 or 404 for everyone allowed to GET it). */
  post: Expect | 'no-post';
}

// Ids of the things the visitors own, filled before the tests.
const ids = { collegeRow: 0, article: 0, articleSlug: '', run: 0, fieldRun: 0, session: 0, learner: 0, certificate: '', agreement: 0, media: '', download: '', establishment: 0, college: 0, demandRow: 0, indicator: 0 };

/** The one table: every route (Thai paths; each /en twin is judged the same). */
const table: Record<string, Entry> = {
  '/': { get: open, post: open },
  '/403': { get: all(403), post: all(403) },
  '/404': { get: all(404), post: all(404) },
  '/accessibility': { get: open, post: open },
  '/privacy': { get: open, post: open },
  '/account': { get: signedIn, post: signedIn },
  '/account/articles': { get: writers, post: writers },
  '/account/articles/new': { get: writers, post: writers },
  // An article's editor is its author's alone: to another writer, even an admin (who reviews it on /admin/articles),
  // it does not exist.
  '/account/articles/[id]': { url: () => `/account/articles/${ids.article}`, get: authorOnly, post: authorOnly },
  // Admins review: they read an article's versions too.
  '/account/articles/[id]/revisions': { url: () => `/account/articles/${ids.article}/revisions`, get: writers, post: writers },
  '/admin/articles': { get: admins, post: admins },
  '/admin/articles/[id]': { url: () => `/admin/articles/${ids.article}`, get: admins, post: admins },
  '/admin/certificates': { get: admins, post: admins },
  '/admin/h5p': { get: admins, post: admins },
  '/admin/h5p/[id]': { url: () => '/admin/h5p/electrical-safety-ppe', get: admins, post: admins },
  '/admin/items': { get: anyFieldStaff, post: anyFieldStaff },
  '/admin/items/[type]/[slug]': { url: () => '/admin/items/ebooks/hotel-front-office-operations', get: admins, post: admins },
  '/admin/items/new': { url: () => '/admin/items/new?type=ebooks', get: anyFieldStaff, post: anyFieldStaff },
  '/admin/reports': { url: () => '/admin/reports?year=2570', get: admins, post: admins },
  '/admin/reports/college/[college]': { url: () => `/admin/reports/college/${ids.college}`, get: admins, post: admins },
  '/admin/reports/course/[course]': { url: () => '/admin/reports/course/pcb-soldering-ipc-standard-upskill', get: admins, post: admins },
  '/admin/reports/courses': { get: admins, post: admins },
  '/admin/reports/evidence/[indicator]': { url: () => `/admin/reports/evidence/${ids.indicator}?year=2570&field=${staffField}`, get: admins, post: 'no-post' },
  '/admin/reports/export': { url: () => '/admin/reports/export?table=fields&format=csv', get: admins, post: 'no-post' },
  '/admin/reports/indicators': { get: admins, post: admins },
  '/admin/reports/run/[run]': { url: () => `/admin/reports/run/${ids.run}`, get: admins, post: admins },
  '/admin/reports/summary.pdf': { url: () => `/admin/reports/summary.pdf?year=2570&field=${staffField}`, get: admins, post: 'no-post' },
  '/admin/runs': { get: anyFieldStaff, post: anyFieldStaff },
  '/admin/searches': { get: admins, post: admins },
  '/admin/staff': { get: admins, post: admins },
  '/admin/users': { get: admins, post: admins },
  '/api/editor/media': { get: { ...writers, expert: 404, admin: 404 }, post: writers },
  '/api/learn/progress': { get: all404Signed(), post: signedIn },
  '/api/learn/state': { get: all404Signed(), post: signedIn },
  '/api/learn/statements': { get: all404Signed(), post: signedIn },
  '/api/suggest': { url: () => '/api/suggest?q=ไฟฟ้า', get: open, post: 'no-post' },
  '/articles': { get: open, post: open },
  '/articles/[slug]': { url: () => `/articles/${encodeURIComponent(ids.articleSlug)}`, get: open, post: open },
  // A college's reporter (a teacher the field's staff granted it): their college's rows; 403 to everyone else.
  '/college-reports': { get: only(['college-reporter']), post: only(['college-reporter']) },
  '/college-reports/rows/[kind]/[id]': { url: () => `/college-reports/rows/supply/${ids.collegeRow}`, get: only(['college-reporter']), post: only(['college-reporter']) },
  '/colleges': { get: open, post: open },
  '/colleges/[id]': { url: () => `/colleges/${ids.college}`, get: open, post: open },
  '/confirm-email': { get: open, post: open },
  '/courses': { get: open, post: open },
  '/courses/[slug]': { url: () => '/courses/solar-rooftop-installation-new-skill', get: open, post: open },
  '/curricula': { get: open, post: open },
  '/download/[type]/[slug]/[file]': { url: () => ids.download, get: open, post: 'no-post' },
  '/establishments': { get: open, post: open },
  '/establishments/export': { url: () => '/establishments/export?format=csv', get: open, post: 'no-post' },
  '/experts': { get: open, post: open },
  '/favicon.ico': { get: open, post: 'no-post' },
  '/favicon.svg': { get: open, post: 'no-post' },
  '/feed.xml': { get: open, post: 'no-post' },
  '/fields': { get: open, post: open },
  '/fields/[slug]': { url: () => `/fields/${staffField}`, get: open, post: open },
  '/fields/[slug]/feed.xml': { url: () => `/fields/${staffField}/feed.xml`, get: open, post: 'no-post' },
  '/forgot-password': { get: open, post: open },
  '/healthz': { get: open, post: 'no-post' },
  '/h5p/embed/[id]': { url: () => '/h5p/embed/electrical-safety-ppe', get: open, post: 'no-post' },
  '/h5p/files/[id]/[...path]': { url: () => '/h5p/files/electrical-safety-ppe/content/content.json', get: open, post: 'no-post' },
  '/h5p/player/[...file]': { url: () => '/h5p/player/main.bundle.js', get: open, post: 'no-post' },
  '/learn': { get: signedIn, post: signedIn },
  '/learn/[course]': { url: () => '/learn/solar-rooftop-installation-new-skill', get: signedIn, post: 'no-post' },
  '/learn/[course]/[lesson]': { url: () => '/learn/solar-rooftop-installation-new-skill/how-pv-makes-power', get: signedIn, post: signedIn },
  // A certificate's PDF is its owner's (and admins'); anyone else is told it does not exist.
  '/learn/history': { get: signedIn, post: signedIn },
  '/learn/certificates/[code]': { url: () => `/learn/certificates/${ids.certificate}`, get: only(['student', 'admin'], 404), post: 'no-post' },
  '/library': { get: open, post: open },
  '/library/[type]/[slug]': { url: () => '/library/ebooks/hotel-front-office-operations', get: open, post: open },
  '/login': { get: open, post: open },
  '/logout': { get: open, post: open },
  '/manpower': { get: open, post: open },
  '/manpower/export': { url: () => '/manpower/export?format=csv', get: open, post: 'no-post' },
  '/media/[name]': { url: () => `/media/${ids.media}`, get: open, post: 'no-post' },
  '/oai': { url: () => '/oai?verb=Identify', get: open, post: open },
  '/readyz': { get: open, post: 'no-post' },
  '/register': { get: open, post: open },
  '/research': { get: open, post: open },
  '/reset-password': { get: open, post: open },
  '/robots.txt': { get: open, post: 'no-post' },
  '/search': { url: () => '/search?q=ไฟฟ้า', get: open, post: open },
  '/sitemap.xml': { get: open, post: 'no-post' },
  '/sitemap-[file].xml': { url: () => '/sitemap-1.xml', get: open, post: 'no-post' },
  '/staff': { get: only(['admin', 'staff-of-this-field', 'staff-of-another-field']), post: only(['admin', 'staff-of-this-field', 'staff-of-another-field']) },
  '/staff/[field]': { get: fieldStaff, post: fieldStaff },
  '/staff/[field]/agreement-file/[id]': { url: () => `/staff/${staffField}/agreement-file/${ids.agreement}`, get: fieldStaff, post: { ...fieldStaff, admin: 404, 'staff-of-this-field': 404 } },
  '/staff/[field]/agreements': { get: fieldStaff, post: fieldStaff },
  '/staff/[field]/establishments': { get: fieldStaff, post: fieldStaff },
  '/staff/[field]/establishments/[id]': { url: () => `/staff/[field]/establishments/${ids.establishment}`, get: fieldStaff, post: fieldStaff },
  '/staff/[field]/export': { url: () => `/staff/${staffField}/export?table=agreements&format=csv`, get: fieldStaff, post: { ...fieldStaff, admin: 404, 'staff-of-this-field': 404 } },
  '/staff/[field]/matching': { get: fieldStaff, post: fieldStaff },
  '/staff/[field]/reporters': { get: fieldStaff, post: fieldStaff },
  '/staff/[field]/rows': { get: fieldStaff, post: fieldStaff },
  '/staff/[field]/rows/[kind]/[id]': { url: () => `/staff/[field]/rows/demand/${ids.demandRow}`, get: fieldStaff, post: fieldStaff },
  '/staff/[field]/training': { url: () => '/staff/[field]/training?year=2570', get: fieldStaff, post: fieldStaff },
  '/staff/[field]/training/college/[college]': { url: () => `/staff/[field]/training/college/${ids.college}`, get: fieldStaff, post: fieldStaff },
  '/staff/[field]/training/course/[course]': { url: () => '/staff/[field]/training/course/pcb-soldering-ipc-standard-upskill', get: fieldStaff, post: fieldStaff },
  '/staff/[field]/training/courses': { get: fieldStaff, post: fieldStaff },
  '/staff/[field]/training/evidence/[indicator]': { url: () => `/staff/[field]/training/evidence/${ids.indicator}?year=2570`, get: fieldStaff, post: 'no-post' },
  '/staff/[field]/training/export': { url: () => '/staff/[field]/training/export?table=fields&format=csv', get: fieldStaff, post: 'no-post' },
  '/staff/[field]/training/indicators': { get: fieldStaff, post: fieldStaff },
  '/staff/[field]/training/run/[run]': { url: () => `/staff/[field]/training/run/${ids.fieldRun}`, get: fieldStaff, post: fieldStaff },
  '/staff/[field]/training/summary.pdf': { url: () => '/staff/[field]/training/summary.pdf?year=2570', get: fieldStaff, post: 'no-post' },
  // Lessons of a course are edited by admins and the staff of the course's fields (solar is electrical technology's).
  '/staff/courses/[course]/lessons': { url: () => '/staff/courses/solar-rooftop-installation-new-skill/lessons', get: admins, post: admins },
  // The lesson editor's uploads: the same people; a GET finds no page.
  '/staff/courses/[course]/media': {
    url: () => '/staff/courses/solar-rooftop-installation-new-skill/media',
    get: { ...anyFieldStaff, admin: 404, 'staff-of-this-field': 404, 'staff-of-another-field': 404 },
    post: admins,
  },
  '/staff/courses/[course]/lessons/[lesson]': { url: () => '/staff/courses/solar-rooftop-installation-new-skill/lessons/how-pv-makes-power', get: admins, post: admins },
  '/teach': { get: signedIn, post: signedIn },
  // A run's pages are its instructors' (the teacher) and admins'; to anyone else the run does not exist.
  '/teach/[run]': { url: () => `/teach/${ids.run}`, get: instructors, post: instructors },
  '/teach/[run]/export': { url: () => `/teach/${ids.run}/export?format=csv`, get: instructors, post: 'no-post' },
  '/teach/[run]/report': { url: () => `/teach/${ids.run}/report`, get: instructors, post: instructors },
  '/teach/[run]/learners/[learner]': { url: () => `/teach/${ids.run}/learners/${ids.learner}`, get: instructors, post: instructors },
  '/teach/[run]/sessions/[session]': { url: () => `/teach/${ids.run}/sessions/${ids.session}`, get: instructors, post: instructors },
  '/verify': { get: open, post: open },
  '/verify/[code]': { url: () => `/verify/${ids.certificate}`, get: open, post: open },
};

/** JSON endpoints that take only POST: a signed-in GET is 404 (no such page), an anonymous one is sent to sign in. */
function all404Signed(): Expect {
  return { ...all(404), anonymous: 'sign-in' };
}

const routes = routePatterns();
let server: RunningServer;
let db: Db;
const cookies = new Map<Visitor, string>();
let target = 0;
const uploads = tempDir('ic-route-access-uploads-');

beforeAll(async () => {
  server = await startServer({ env: { UPLOADS_DIR: uploads.path } });
  db = openServerDb(server);
  const users = new Map<Visitor, number>();
  for (const role of roles) {
    const signed = await signedInUser(db, { role });
    cookies.set(role, signed.cookie);
    users.set(role, signed.user.id);
  }
  for (const [visitor, fields] of Object.entries(staffVisitors)) {
    const staff = await signedInUser(db, { role: 'teacher' });
    for (const field of fields) db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(staff.user.id, field);
    cookies.set(visitor as Visitor, staff.cookie);
  }
  target = (await insertUser(db, { role: 'teacher' })).id;

  // The expert's article, published so it has a public page too.
  const document = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'บทความของผู้เชี่ยวชาญ' }] }] });
  const created = await postForm(server, '/account/articles/new', { intent: 'submit', title: 'บทความตารางสิทธิ์', summary: 'สรุป', fields: staffField, tags: 'ทดสอบ', coverImage: '', document, version: '0' }, { cookie: cookies.get('expert')! });
  ids.article = Number(/\/account\/articles\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
  const published = await postForm(server, `/admin/articles/${ids.article}`, { intent: 'publish', articleId: String(ids.article) }, { cookie: cookies.get('admin')! });
  expect(published.status).toBe(303);
  ids.articleSlug = db.$client.prepare('select slug from articles where id = ?').pluck().get(ids.article) as string;

  // A run the teacher teaches, with a session, the student enrolled and certified.
  const now = Date.now();
  const run = db
    .insert(courseRuns)
    .values({ courseSlug: 'solar-rooftop-installation-new-skill', code: 'routes', startsOn: new Date(now), endsOn: new Date(now + 9e8), enrollOpensAt: new Date(now - 9e7), enrollClosesAt: new Date(now + 9e7), capacity: 10, mode: 'blended', college: 'วิทยาลัยเทคนิคทดสอบ' })
    .returning()
    .get();
  ids.run = run.id;
  db.insert(runInstructors).values({ runId: run.id, userId: users.get('teacher')! }).run();
  ids.session = db.insert(runSessions).values({ runId: run.id, titleTh: 'ฝึกปฏิบัติ', startsAt: new Date(now + 9e7), endsAt: new Date(now + 9.1e7), place: 'โรงฝึก' }).returning().get().id;
  ids.learner = users.get('student')!;
  db.insert(enrollments).values({ runId: run.id, userId: ids.learner, status: 'enrolled', queuedAt: new Date(), enrolledAt: new Date() }).run();
  ids.certificate = newCertificateCode();
  db.insert(certificates)
    .values({ code: ids.certificate, runId: run.id, userId: ids.learner, learnerName: 'ผู้เรียน', courseTitle: 'หลักสูตร', hours: 12, units: [], college: 'วิทยาลัยเทคนิคทดสอบ', issuedAt: new Date() })
    .run();

  // An MOU with its signed PDF in the staff visitor's field.
  const admin = cookies.get('admin')!;
  await postForm(server, `/staff/${staffField}/establishments`, { intent: 'establishment', nameTh: 'บริษัท ตารางสิทธิ์ จำกัด', tsic: '26110', provinceCode: '24', size: 'small', fields: staffField, registrationNo: '0105556000003' }, { cookie: admin });
  const establishmentId = db.$client.prepare(`select id from establishments where registration_no = '0105556000003'`).pluck().get();
  const collegeId = db.$client.prepare('select college_id from college_fields where field_slug = ? limit 1').pluck().get(staffField);
  const pdf = new Blob([`%PDF-1.4\n${'ข้อตกลง '.repeat(50)}\n%%EOF\n`]);
  const recorded = await postMultipart(
    server,
    `/staff/${staffField}/agreements`,
    multipartForm({ intent: 'record', establishmentId: String(establishmentId), collegeId: String(collegeId), status: 'mou', startsOn: '2026-06-01', endsOn: '2029-05-31' }, [['file', pdf, 'mou.pdf']]),
    admin,
  );
  expect(recorded.status).toBe(303);
  ids.agreement = db.$client.prepare('select max(id) from agreements').pluck().get() as number;
  ids.establishment = establishmentId as number;
  ids.college = collegeId as number;
  // The reporter visitor teaches at that college and reports for it; one of its supply rows waits for approval.
  const reporter = await signedInUser(db, { role: 'teacher', collegeId: ids.college });
  db.$client.prepare('insert into college_reporters (user_id, college_id) values (?, ?)').run(reporter.user.id, ids.college);
  cookies.set('college-reporter', reporter.cookie);
  ids.collegeRow = Number(
    db.$client
      .prepare(`insert into supply_rows (college_id, field_slug, level, fiscal_year, province_code, reported_by, enrolled, graduates) values (?, ?, 'hvc', 2570, '20', ?, 30, 25)`)
      .run(ids.college, staffField, reporter.user.id).lastInsertRowid,
  );
  ids.demandRow = Number(
    db.$client
      .prepare(`insert into demand_rows (establishment_id, field_slug, level, fiscal_year, province_code, positions) values (?, ?, 'hvc', 2570, '24', 5)`)
      .run(establishmentId, staffField).lastInsertRowid,
  );
  // A run of a course of the staff visitor's field, and a hand-kept indicator value with its evidence there.
  ids.fieldRun = db
    .insert(courseRuns)
    .values({ courseSlug: 'pcb-soldering-ipc-standard-upskill', code: 'routes-pcb', startsOn: new Date(now), endsOn: new Date(now + 9e8), enrollOpensAt: new Date(now - 9e7), enrollClosesAt: new Date(now + 9e7), capacity: 10, mode: 'online', college: 'วิทยาลัยเทคนิคทดสอบ' })
    .returning()
    .get().id;
  await postForm(server, '/admin/reports/indicators', { intent: 'indicator', year: '2570', nameTh: 'ตัวชี้วัดตารางสิทธิ์', nameEn: 'Route table indicator', unit: 'คน', source: 'manual' }, { cookie: admin });
  ids.indicator = db.$client.prepare(`select id from report_indicators where name_th = 'ตัวชี้วัดตารางสิทธิ์'`).pluck().get() as number;
  const evidence = new Blob(['%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'], { type: 'application/pdf' });
  const valued = await postMultipart(server, `/staff/${staffField}/training/indicators`, multipartForm({ intent: 'value', year: '2570', indicatorId: String(ids.indicator), value: '3', note: 'หลักฐาน' }, [['evidence', evidence, 'evidence.pdf']]), admin);
  expect(valued.status).toBe(303);

  // A picture of a demo article and a curated e-book's file, as their pages link them.
  const withPicture = db.$client.prepare(`select document from articles where document like '%/media/%' limit 1`).pluck().get() as string;
  ids.media = /\/media\/([^"\\]+)/.exec(withPicture)![1]!;
  const item = await (await getPage(server, '/library/ebooks/hotel-front-office-operations')).text();
  ids.download = /href="(\/download\/ebooks\/hotel-front-office-operations\/[^"]+)"/.exec(item)![1]!;
}, 180_000);
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
  uploads.remove();
});

function judge(response: Response, outcome: Outcome, where: string) {
  const location = response.headers.get('location') ?? '';
  if (outcome === 'sign-in') {
    expect(response.status, where).toBe(303);
    expect(location, where).toMatch(/^(\/en)?\/login\?next=/);
  } else if (outcome === 'ok') {
    expect(response.status, where).toBeLessThan(500);
    expect([403, 404], where).not.toContain(response.status);
    expect(location, where).not.toMatch(/\/login\?next=/);
  } else {
    expect(response.status, where).toBe(outcome);
  }
}

describe('route access', () => {
  it('has one entry for every route in src/pages (and every English twin mirrors a Thai route)', () => {
    const thai = routes.filter((r) => !/^\/en(\/|$)/.test(r));
    expect(Object.keys(table).sort()).toEqual([...new Set(thai)].sort());
    for (const route of routes.filter((r) => /^\/en(\/|$)/.test(r))) expect(thai, route).toContain(route.replace(/^\/en/, '') || '/');
  });

  it('names only existing routes in the middleware table', () => {
    for (const rule of routeAccess) expect(routes.some((r) => accessFor(r) === rule.access), rule.route).toBe(true);
  });

  for (const visitor of visitors) {
    it(`answers every route and every form post as the table says for ${visitor}`, async () => {
      const cookie = visitor === 'anonymous' ? undefined : cookies.get(visitor);
      db.$client.prepare('update users set disabled_at = null where id = ?').run(target);
      for (const route of routes) {
        const thai = route.replace(/^\/en(?=\/|$)/, '') || '/';
        const entry = table[thai]!;
        const url = (route === thai ? '' : '/en') + (entry.url?.() ?? thai).replace('[field]', staffField);
        const got = await getPage(server, url, cookie);
        judge(got, entry.get[visitor], `${visitor} GET ${url}: ${got.status} ${got.headers.get('location') ?? ''}`);
        await got.body?.cancel();
        // A form post that would disable a user where it reached the users page: only an admin's may do anything.
        const posted = await postForm(server, url, { intent: 'disable', userId: String(target) }, cookie ? { cookie } : {});
        const where = `${visitor} POST ${url}: ${posted.status} ${posted.headers.get('location') ?? ''}`;
        if (entry.post === 'no-post') {
          // Reaching the route's handler (or not) as for GET; it takes no POST.
          if (entry.get[visitor] === 'ok') expect([404, 405], where).toContain(posted.status);
          else judge(posted, entry.get[visitor], where);
        } else judge(posted, entry.post[visitor], where);
        await posted.body?.cancel();
      }
      const disabledAt = db.$client.prepare('select disabled_at from users where id = ?').pluck().get(target);
      if (visitor === 'admin') expect(disabledAt).toEqual(expect.any(Number));
      else expect(disabledAt).toBeNull();
    }, 180_000);
  }
});

describe('field staff on routes without a [field]', () => {
  it('open the library items of their field and are refused (403) those of another field only', async () => {
    const ebook = (titleEn: string, field: string) => ({
      intent: 'save', titleTh: `คู่มือ ${titleEn}`, titleEn, authors: 'นายช่าง ใจดี', summary: 'สรุปเนื้อหาของคู่มือ', levels: ['hvc'], language: 'th',
      publisher: 'วิทยาลัยเทคนิคชลบุรี', year: '2569', licence: 'CC BY 4.0', keywords: 'คู่มือ', fields: [field], published: '2026-10-01', body: 'เนื้อหา',
    });
    for (const [title, field] of [['Route Access This Field', staffField], ['Route Access Other Field', 'tourism']] as const) {
      const pdf = new Blob(['%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'], { type: 'application/pdf' });
      expect((await postMultipart(server, '/admin/items/new?type=ebooks', multipartForm(ebook(title, field), [['upload', pdf, 'guide.pdf']]), cookies.get('admin')!)).status).toBe(303);
    }
    const thisField = '/admin/items/ebooks/route-access-this-field';
    const otherField = '/admin/items/ebooks/route-access-other-field';
    const open = async (visitor: Visitor, path: string) => (await getPage(server, path, cookies.get(visitor))).status;
    expect([await open('staff-of-this-field', thisField), await open('staff-of-this-field', otherField)]).toEqual([200, 403]);
    expect([await open('staff-of-another-field', thisField), await open('staff-of-another-field', otherField)]).toEqual([403, 200]);
    expect((await postForm(server, otherField, { intent: 'unpublish' }, { cookie: cookies.get('staff-of-this-field')! })).status).toBe(403);
    expect(db.$client.prepare("select status from catalog_items where slug = 'route-access-other-field'").pluck().get()).toBe('published');
  });
});
