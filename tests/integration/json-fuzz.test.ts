// Property tests for the endpoints scripts talk to (form-fuzz.test.ts does the forms people fill in): random and
// near-valid input to the learner's progress and xAPI statement endpoints, the editor's save (Tiptap JSON) and the
// network's spreadsheet upload (CSV and XLSX), 1,000 runs each. None gets a 5xx, a refusal says why in Thai and
// English where the endpoint answers JSON, and a refused request changes nothing: the rows it could touch hash the
// same before and after, and no file is left in the uploads folder.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';
import { courseRuns, enrollments } from '../../db/schema/index.ts';
import { activityIri } from '../../src/lib/courses/xapi.ts';
import { readCourseOutline } from '../../src/server/courses/outline.ts';
import { multipartForm, postForm, postMultipart, signedInUser } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

const runs = fuzzRuns;
const uploads = tempDir('ic-json-fuzz-uploads-');
const app = useServer({ env: { UPLOADS_DIR: uploads.path } });
afterAll(() => uploads.remove());
const course = 'solar-rooftop-installation-new-skill';
const outline = readCourseOutline(new URL('../../content', import.meta.url).pathname, course)!;
const day = 86_400_000;

/** A hash of every row the queries return: equal before and after means nothing they cover changed. */
const digest = (...queries: [string, ...unknown[]][]) =>
  createHash('sha256')
    .update(JSON.stringify(queries.map(([sql, ...params]) => app.db.$client.prepare(sql).all(...params))))
    .digest('hex');
const files = () => (readdirSync(uploads.path, { recursive: true }) as string[]).sort().join('\n');

/** Anything a script might put where a value belongs. */
const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(null, '', 0, -1, 2 ** 53, '__proto__', 'constructor', '../../etc/passwd', '<script>alert(1)</script>', "' or 1=1 --", {}, [], true, 'ก'.repeat(500)),
  fc.double(),
);
/** Mostly the right kind of value, sometimes junk. */
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: junk });
const extraKeys = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'x', 'id', 'userId', 'user'), junk, { maxKeys: 2 });
/** A body as sent: mostly the JSON of `value`, sometimes not JSON at all, under the right or a wrong content type. */
const rawBody = (value: fc.Arbitrary<unknown>) =>
  fc.tuple(
    fc.oneof(
      { weight: 10, arbitrary: value.map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      { weight: 1, arbitrary: junk.map((v) => JSON.stringify(v) ?? '') },
      { weight: 1, arbitrary: fc.constant(`{"a":"${'x'.repeat(70_000)}"}`) },
    ),
    fc.oneof({ weight: 10, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '') }),
  );

let runId = 0;
let otherRunId = 0;
let learner = { id: 0, email: '', cookie: '' };
let expert = '';
let admin = '';
let articleId = 0;
let editPath = '';
const registrationNo = '0105556000002';
const field = 'electronics';

beforeAll(async () => {
  const now = Date.now();
  const addRun = (code: string) =>
    app.db
      .insert(courseRuns)
      .values({ courseSlug: course, code, startsOn: new Date(now - day), endsOn: new Date(now + 30 * day), enrollOpensAt: new Date(now - day), enrollClosesAt: new Date(now + day), capacity: 30, mode: 'online', college: 'วิทยาลัยเทคนิคทดสอบ' })
      .returning()
      .get().id;
  runId = addRun('fuzz');
  otherRunId = addRun('fuzz-other');
  const person = await signedInUser(app.db, { role: 'student' });
  learner = { id: person.user.id, email: person.user.email, cookie: person.cookie };
  app.db.insert(enrollments).values({ runId, userId: learner.id, status: 'enrolled', queuedAt: new Date(), enrolledAt: new Date() }).run();
  const author = await signedInUser(app.db, { role: 'expert' });
  expert = author.cookie;
  const document = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'เริ่มต้น' }] }] });
  const created = await postForm(app.server, '/account/articles/new', { intent: 'save', title: 'บทความทดสอบสุ่ม', summary: 'สรุป', fields: field, tags: 'ทดสอบ', coverImage: '', document, version: '0' }, { cookie: expert });
  editPath = new URL(created.headers.get('location')!, app.server.url).pathname;
  articleId = Number(/\/account\/articles\/(\d+)/.exec(editPath)![1]);
  admin = (await signedInUser(app.db, { role: 'admin' })).cookie;
  const establishment = await postForm(app.server, `/staff/${field}/establishments`, { intent: 'establishment', nameTh: 'บริษัท สุ่ม จำกัด', tsic: '26110', provinceCode: '24', size: 'small', fields: field, registrationNo }, { cookie: admin });
  expect(establishment.status).toBe(303);
});

const postJson = (path: string, body: string, type: string, cookie: string) =>
  fetch(app.server.url + path, { method: 'POST', headers: { ...(type ? { 'content-type': type } : {}), cookie, origin: app.server.origin }, body });

/** Checks one answer: no 5xx; a refusal changed nothing and, when JSON, carries a message in both languages. */
async function judge(response: Response, before: string, after: () => string, accepted: number[], what: string) {
  const text = await response.text();
  const where = `${response.status} ${what.slice(0, 400)}\n${text.slice(0, 300)}\n${app.server.output().slice(-1500)}`;
  expect(response.status, where).toBeLessThan(500);
  if (accepted.includes(response.status)) return;
  expect(after(), where).toBe(before);
  if (response.headers.get('content-type')?.startsWith('application/json')) {
    const { message } = JSON.parse(text) as { message?: { th?: string; en?: string } };
    expect(message?.th, where).toMatch(/[\u0e00-\u0e7f]/);
    expect(message?.en, where).toMatch(/[a-z]/i);
  }
}

describe('random input to the JSON endpoints', () => {
  const learnerRows = (): [string, ...unknown[]][] => [
    ['select * from received_events where user_id = ? order by rowid', learner.id],
    ['select * from lesson_progress where user_id = ? order by rowid', learner.id],
    ['select * from activity_statements where user_id = ? order by rowid', learner.id],
    ['select * from activity_results where user_id = ? order by rowid', learner.id],
    ['select * from enrollments where user_id = ? order by rowid', learner.id],
    ['select * from completions where user_id = ?', learner.id],
    ['select * from certificates where user_id = ?', learner.id],
  ];

  it(`progress reports (${runs} runs): no 5xx, a refusal writes nothing`, async () => {
    const report = fc
      .tuple(
        fc.record(
          {
            id: maybe(fc.uuid()),
            runId: maybe(fc.constantFrom(runId, otherRunId, 0, 999_999)),
            lesson: maybe(fc.constantFrom(...outline.lessons.map((l) => l.slug), 'no-such-lesson', '../01-x')),
            position: maybe(fc.double({ min: -1, max: 2 })),
            completed: maybe(fc.boolean()),
          },
          { requiredKeys: [] },
        ),
        extraKeys,
      )
      .map(([r, extra]) => ({ ...extra, ...r }));
    await fc.assert(
      fc.asyncProperty(rawBody(report), async ([body, type]) => {
        const before = digest(...learnerRows());
        await judge(await postJson('/api/learn/progress', body, type, learner.cookie), before, () => digest(...learnerRows()), [200], body);
      }),
      { numRuns: runs },
    );
  }, 300_000);

  it(`xAPI statements (${runs} runs): no 5xx, a refusal writes nothing`, async () => {
    const activities = outline.activities.map((a) => a.id);
    const statement = fc.record(
      {
        id: maybe(fc.uuid()),
        actor: maybe(fc.constantFrom({ mbox: `mailto:${learner.email}` }, { account: { name: String(learner.id) } }, { mbox: 'mailto:someone.else@example.org' }, { mbox: learner.email }, { objectType: 'Group', member: [] })),
        verb: maybe(fc.record({ id: fc.constantFrom('http://adlnet.gov/expapi/verbs/answered', 'http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/verbs/attempted', 'javascript:alert(1)') })),
        object: maybe(fc.record({ id: fc.constantFrom(...activities.map(activityIri), `${activityIri(activities[0]!)}?subContentId=42`, activityIri('no-such'), 'urn:x') })),
        result: maybe(
          fc.record(
            { score: maybe(fc.record({ scaled: maybe(fc.double({ min: -2, max: 2 })), raw: maybe(fc.integer({ min: -5, max: 20 })), min: maybe(fc.integer({ min: -5, max: 5 })), max: maybe(fc.integer({ min: -5, max: 20 })) }, { requiredKeys: [] })), success: maybe(fc.boolean()), completion: maybe(fc.boolean()) },
            { requiredKeys: [] },
          ),
        ),
        context: fc.option(junk, { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    const request = fc
      .tuple(fc.record({ runId: maybe(fc.constantFrom(runId, otherRunId, 0)), activity: maybe(fc.constantFrom(...activities, 'no-such', '')), statement: maybe(statement) }, { requiredKeys: [] }), extraKeys)
      .map(([r, extra]) => ({ ...extra, ...r }));
    await fc.assert(
      fc.asyncProperty(rawBody(request), async ([body, type]) => {
        const before = digest(...learnerRows());
        await judge(await postJson('/api/learn/statements', body, type, learner.cookie), before, () => digest(...learnerRows()), [200], body);
      }),
      { numRuns: runs },
    );
  }, 300_000);

  it(`the editor's save, Tiptap JSON (${runs} runs): no 5xx, a refusal changes nothing`, async () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', '<script>alert(1)</script>', 'ก'.repeat(300), '\u0000', '{{x}}'));
    const mark = fc.record(
      {
        type: fc.constantFrom('bold', 'italic', 'strike', 'code', 'link', 'underline', 'highlight', 'script', ''),
        attrs: fc.option(fc.dictionary(fc.constantFrom('href', 'target', 'rel', 'class', 'onclick', 'style'), fc.oneof(text, fc.constantFrom('https://example.ac.th/a', 'javascript:alert(1)', 'mailto:a@b.example', 'data:text/html,x', '//evil.example'))), { nil: undefined }),
      },
      { requiredKeys: ['type'] },
    );
    const attrs = fc.dictionary(
      fc.constantFrom('level', 'src', 'alt', 'title', 'href', 'id', 'activity', 'colspan', 'rowspan', 'colwidth', 'start', 'language', 'style', 'onerror'),
      fc.oneof(text, fc.integer({ min: -3, max: 10 }), fc.constantFrom('/media/abc.png', 'javascript:alert(1)', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'electrical-safety-ppe', null), fc.array(fc.integer(), { maxLength: 2 })),
      { maxKeys: 3 },
    );
    const nodeTypes = ['paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'codeBlock', 'image', 'table', 'tableRow', 'tableCell', 'tableHeader', 'horizontalRule', 'hardBreak', 'youtube', 'h5p', 'iframe', 'script', 'doc', 'text'];
    const { node } = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ type: fc.constant('text'), text, marks: fc.option(fc.array(mark, { maxLength: 2 }), { nil: undefined }) }, { requiredKeys: ['type', 'text'] }),
        fc.record({ type: fc.constantFrom(...nodeTypes), attrs: fc.option(attrs, { nil: undefined }), content: fc.option(fc.array(tie('node'), { maxLength: 3 }), { nil: undefined }) }, { requiredKeys: ['type'] }),
      ),
    }));
    const document = fc.oneof(
      { weight: 8, arbitrary: fc.record({ type: fc.constant('doc'), content: fc.array(node, { maxLength: 4 }) }).map((d) => JSON.stringify(d)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((d) => JSON.stringify(d)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
    );
    const fields = fc.record({
      // As a form field carries it: text. JSON for junk objects, which String() cannot always convert ({"toString": 1}).
      title: maybe(fc.constantFrom('บทความทดสอบสุ่ม', 'หัวข้อใหม่')).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
      summary: fc.constantFrom('สรุป', '', 'x'.repeat(2000)),
      fields: fc.constantFrom(field, 'no-such-field', ''),
      tags: fc.constantFrom('ทดสอบ', '', 'a,b,c'),
      coverImage: fc.constantFrom('', '/media/none.png', 'javascript:alert(1)'),
      document,
      stale: fc.boolean(),
      intent: fc.constantFrom('save', 'save', 'save', 'submit', 'publish'),
    });
    const rows = (): [string, ...unknown[]][] => [
      ['select * from articles where id = ?', articleId],
      ['select * from article_revisions where article_id = ? order by rowid', articleId],
    ];
    await fc.assert(
      fc.asyncProperty(fields, async ({ stale, ...values }) => {
        const version = app.db.$client.prepare('select version from articles where id = ?').pluck().get(articleId) as number;
        const before = digest(...rows());
        const response = await postForm(app.server, editPath, { ...values, version: String(stale ? version - 1 : version) }, { cookie: expert, headers: { accept: 'application/json' } });
        await judge(response, before, () => digest(...rows()), [200, 303], JSON.stringify(values));
      }),
      { numRuns: runs },
    );
    // Whatever was saved is still a draft of its author's, never published by the author.
    expect(app.db.$client.prepare('select state from articles where id = ?').pluck().get(articleId)).not.toBe('published');
  }, 300_000);

  it(`spreadsheet uploads, CSV and XLSX (${runs} runs): no 5xx, a refused sheet saves no row and leaves no file`, async () => {
    const demandHeader = ['establishment', 'field', 'level', 'fiscal_year', 'positions', 'competencies'];
    const supplyHeader = ['college', 'field', 'level', 'fiscal_year', 'enrolled', 'graduates'];
    const collegeId = String(app.db.$client.prepare('select college_id from college_fields where field_slug = ? limit 1').pluck().get(field));
    const cell = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(registrationNo, collegeId, field, 'tourism', 'vc', 'hvc', 'btech', 'short', '2570', '2572', '4', '40', '0') },
      { weight: 1, arbitrary: fc.constantFrom('-1', '1e3', '99999999999', '2.5', '', ' ', '=1+1', '=HYPERLINK("http://evil.example","x")', '+cmd|x', '@SUM(A1)', '\t=x', '"quoted, comma"', 'ไทย\nสองบรรทัด', '__proto__') },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    );
    const header = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(demandHeader, supplyHeader) },
      { weight: 1, arbitrary: fc.shuffledSubarray([...demandHeader, ...supplyHeader, 'year', '__proto__', '']) },
    );
    const sheet = fc.record({
      kind: fc.constantFrom('demand', 'supply', 'other'),
      header,
      rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 6 }),
      format: fc.constantFrom('csv', 'csv-bom-semicolon', 'xlsx', 'xlsx-formula'),
    });
    const bytes = async ({ header, rows, format }: { header: string[]; rows: string[][]; format: string }): Promise<[Blob, string]> => {
      if (format.startsWith('csv')) {
        const sep = format === 'csv' ? ',' : ';';
        const quote = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        const text = [header, ...rows].map((r) => r.map(quote).join(sep)).join('\r\n');
        return [new Blob([format === 'csv' ? text : `\uFEFF${text}`]), 'report.csv'];
      }
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet('sheet');
      ws.addRow(header);
      for (const row of rows) ws.addRow(format === 'xlsx-formula' && row.length > 0 ? [...row.slice(0, -1), { formula: '1+1', result: 2 }] : row);
      return [new Blob([new Uint8Array(await book.xlsx.writeBuffer())]), 'report.xlsx'];
    };
    const rows = (): [string, ...unknown[]][] => [
      ['select * from demand_rows order by rowid'],
      ['select * from supply_rows order by rowid'],
      ['select * from manpower_totals'],
      ['select * from uploaded_files'],
    ];
    const emptyFolder = files();
    await fc.assert(
      fc.asyncProperty(sheet, async (s) => {
        const [blob, name] = await bytes(s);
        const before = digest(...rows());
        const response = await postMultipart(app.server, `/staff/${field}`, multipartForm({ intent: 'upload', kind: s.kind }, [['sheet', blob, name]]), admin);
        await judge(response, before, () => digest(...rows()), [303], JSON.stringify(s));
        expect(files()).toBe(emptyFolder);
      }),
      { numRuns: runs },
    );
  }, 300_000);
});
