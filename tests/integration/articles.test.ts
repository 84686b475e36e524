// Articles over real HTTP against the built server: the workflow by role, the version check between two tabs, bad
// documents, revision history, search kept in step with publishing, questions, and editor uploads.
import { describe, expect, it } from 'vitest';
import { drawPng } from '../../src/server/demo/png.ts';
import { getPage, postForm, signedInUser, waitForMail } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const documentOf = (...texts: string[]) => JSON.stringify({ type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'บทนำ' }] }, ...texts.map(paragraph), { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'สรุป' }] }] });
const articleFields = (title: string, document: string, version: number, intent = 'save') => ({ intent, title, summary: 'สรุป', fields: 'electronics', tags: 'ทดสอบ', coverImage: '', document, version: String(version) });

async function html(response: Response): Promise<string> {
  return response.text();
}

function stateOf(id: number): { state: string; listed: number; version: number; slug: string } {
  return app.db.$client.prepare('select state, listed, version, slug from articles where id = ?').get(id) as never;
}

async function waitForSearch(query: string, cookie: string, present: boolean, slug: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const page = await html(await getPage(app.server, `/search?q=${encodeURIComponent(query)}`, cookie));
    if (page.includes(`/articles/${slug}`) === present) return;
    if (Date.now() > deadline) throw new Error(`search for ${query} ${present ? 'never found' : 'still finds'} ${slug}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('articles over HTTP', () => {
  it('goes draft → submitted → returned → published → revised → unpublished, each step by the right role only', async () => {
    const expert = await signedInUser(app.db, { role: 'expert', nameTh: 'ผู้เชี่ยวชาญ ทดสอบ' });
    const other = await signedInUser(app.db, { role: 'expert' });
    const admin = await signedInUser(app.db, { role: 'admin' });
    const teacher = await signedInUser(app.db, { role: 'teacher' });
    const word = 'เครื่องกำเนิดไฟฟ้ากระแสสลับพิเศษ';

    const created = await postForm(app.server, '/account/articles/new', articleFields('บทความทดสอบขั้นตอน', documentOf(word), 0), { cookie: expert.cookie });
    expect(created.status).toBe(303);
    const id = Number(/\/account\/articles\/(\d+)\?done=saved$/.exec(created.headers.get('location')!)![1]);
    const edit = `/account/articles/${id}`;
    const review = `/admin/articles/${id}`;
    expect(stateOf(id)).toMatchObject({ state: 'draft', listed: 0, version: 1 });

    // Nobody but the author edits it; teachers may not open the editor at all; experts may not review.
    expect((await postForm(app.server, edit, articleFields('x', documentOf('x'), 1), { cookie: other.cookie })).status).toBe(404);
    expect((await postForm(app.server, edit, articleFields('x', documentOf('x'), 1), { cookie: admin.cookie })).status).toBe(404);
    expect((await postForm(app.server, edit, articleFields('x', documentOf('x'), 1), { cookie: teacher.cookie })).status).toBe(403);
    expect((await postForm(app.server, review, { intent: 'publish', articleId: String(id) }, { cookie: expert.cookie })).status).toBe(403);
    // A draft is not published before review, and an unpublished article is not readable.
    expect((await postForm(app.server, review, { intent: 'publish', articleId: String(id) }, { cookie: admin.cookie })).status).toBe(409);
    expect((await getPage(app.server, `/articles/${encodeURIComponent(stateOf(id).slug)}`, teacher.cookie)).status).toBe(404);

    expect((await postForm(app.server, edit, articleFields('บทความทดสอบขั้นตอน', documentOf(word), 1, 'submit'), { cookie: expert.cookie })).status).toBe(303);
    expect(stateOf(id).state).toBe('submitted');
    // Under review the author waits.
    const whileSubmitted = await postForm(app.server, edit, articleFields('แก้ระหว่างตรวจ', documentOf('x'), stateOf(id).version), { cookie: expert.cookie });
    expect(whileSubmitted.status).toBe(403);
    expect(await html(whileSubmitted)).toContain('ท่านทำรายการนี้กับบทความนี้ไม่ได้ในตอนนี้');

    const noComment = await postForm(app.server, review, { intent: 'return', articleId: String(id), comment: '' }, { cookie: admin.cookie });
    expect(noComment.status).toBe(400);
    expect(await html(noComment)).toContain('กรุณาเขียนความเห็นเมื่อส่งกลับ');
    expect((await postForm(app.server, review, { intent: 'return', articleId: String(id), comment: 'เพิ่มภาพประกอบ' }, { cookie: admin.cookie })).status).toBe(303);
    expect(stateOf(id).state).toBe('returned');
    expect(await html(await getPage(app.server, edit, expert.cookie))).toContain('เพิ่มภาพประกอบ');

    expect((await postForm(app.server, edit, articleFields('บทความทดสอบขั้นตอน', documentOf(word, 'ย่อหน้าเดิม'), stateOf(id).version, 'submit'), { cookie: expert.cookie })).status).toBe(303);
    expect((await postForm(app.server, review, { intent: 'publish', articleId: String(id) }, { cookie: admin.cookie })).status).toBe(303);
    const { slug } = stateOf(id);
    expect(stateOf(id)).toMatchObject({ state: 'published', listed: 1 });
    const reading = await getPage(app.server, `/articles/${encodeURIComponent(slug)}`, teacher.cookie);
    expect(reading.status).toBe(200);
    const readingHtml = await html(reading);
    expect(readingHtml).toContain('<h2 id="h-1">บทนำ</h2>');
    expect(readingHtml).toContain('href="#h-1"');
    await waitForSearch(word, teacher.cookie, true, slug);
    expect(await html(await getPage(app.server, '/feed.xml'))).toContain('บทความทดสอบขั้นตอน');
    expect(await html(await getPage(app.server, '/sitemap.xml'))).toContain(`/articles/${encodeURIComponent(slug)}`);
    expect(await html(await getPage(app.server, '/fields/electronics'))).toContain('บทความทดสอบขั้นตอน');
    const harvested = await html(await getPage(app.server, '/oai?verb=ListRecords&metadataPrefix=oai_dc&set=type:articles'));
    expect(harvested).toContain(`articles/${slug}</identifier>`);
    expect(harvested).toContain('<dc:title xml:lang="th">บทความทดสอบขั้นตอน</dc:title>');
    const host = new URL(app.server.origin).hostname;
    expect(await html(await getPage(app.server, `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(`oai:${host}:articles/${slug}`)}`))).toContain('<dc:type>article</dc:type>');

    // The author revises the published article: readers keep the published text until the revision is published.
    const revisedDoc = documentOf(word, 'ย่อหน้าใหม่ที่แก้ไขแล้ว');
    expect((await postForm(app.server, edit, articleFields('บทความทดสอบขั้นตอน', revisedDoc, stateOf(id).version), { cookie: expert.cookie })).status).toBe(303);
    expect(stateOf(id)).toMatchObject({ state: 'draft', listed: 1 });
    expect(await html(await getPage(app.server, `/articles/${encodeURIComponent(slug)}`))).toContain('ย่อหน้าเดิม');
    await postForm(app.server, edit, articleFields('บทความทดสอบขั้นตอน', revisedDoc, stateOf(id).version, 'submit'), { cookie: expert.cookie });
    await postForm(app.server, review, { intent: 'publish', articleId: String(id) }, { cookie: admin.cookie });
    expect(await html(await getPage(app.server, `/articles/${encodeURIComponent(slug)}`))).toContain('ย่อหน้าใหม่ที่แก้ไขแล้ว');

    // Both versions are kept, with who published them, and the text diff between them.
    const history = await html(await getPage(app.server, `${edit}/revisions?n=2`, expert.cookie));
    expect(history).toContain('ฉบับที่ 1');
    expect(history).toContain('ฉบับที่ 2');
    expect(history.match(new RegExp(admin.user.nameTh, 'g'))?.length).toBe(2);
    expect(history).toContain('<del>ย่อหน้าเดิม</del>');
    expect(history).toContain('<ins>ย่อหน้าใหม่ที่แก้ไขแล้ว</ins>');
    const first = await html(await getPage(app.server, `${edit}/revisions?n=1`, admin.cookie));
    expect(first).toContain('<p>ย่อหน้าเดิม</p>');
    expect((await getPage(app.server, `${edit}/revisions`, other.cookie)).status).toBe(404);

    expect((await postForm(app.server, review, { intent: 'unpublish', articleId: String(id) }, { cookie: admin.cookie })).status).toBe(303);
    expect(stateOf(id)).toMatchObject({ state: 'unpublished', listed: 0 });
    expect((await getPage(app.server, `/articles/${encodeURIComponent(slug)}`)).status).toBe(404);
    await waitForSearch(word, teacher.cookie, false, slug);
    expect(await html(await getPage(app.server, '/feed.xml'))).not.toContain('บทความทดสอบขั้นตอน');
    expect(await html(await getPage(app.server, '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:articles'))).not.toContain(`articles/${slug}<`);
  });

  it('refuses a save from a stale tab, keeping its text; autosave answers JSON', async () => {
    const expert = await signedInUser(app.db, { role: 'expert' });
    const created = await postForm(app.server, '/account/articles/new', articleFields('สองแท็บ', documentOf('เริ่มต้น'), 0), { cookie: expert.cookie });
    const edit = new URL(created.headers.get('location')!, app.server.url).pathname;
    const json = { cookie: expert.cookie, headers: { accept: 'application/json' } };

    const tabA = await postForm(app.server, edit, articleFields('สองแท็บ', documentOf('จากแท็บแรก'), 1), json);
    expect(tabA.status).toBe(200);
    expect(await tabA.json()).toMatchObject({ version: 2, state: 'draft', editUrl: edit });
    const tabB = await postForm(app.server, edit, articleFields('สองแท็บ', documentOf('จากแท็บที่สอง'), 1), json);
    expect(tabB.status).toBe(409);
    expect(await tabB.json()).toMatchObject({ error: 'articles.conflict' });
    const tabBPage = await postForm(app.server, edit, articleFields('สองแท็บ', documentOf('จากแท็บที่สอง'), 1), { cookie: expert.cookie });
    expect(tabBPage.status).toBe(409);
    const page = await html(tabBPage);
    expect(page).toContain('จึงไม่ได้บันทึกทับ');
    // The refused text is handed back in the editor for the author to copy.
    expect(page).toContain('จากแท็บที่สอง');
    expect(await html(await getPage(app.server, edit, expert.cookie))).toContain('จากแท็บแรก');
  });

  it('answers 400 with a clear message for bad documents', async () => {
    const expert = await signedInUser(app.db, { role: 'expert' });
    const cases: [string, RegExp][] = [
      ['{"type":"doc", not json', /ไม่ใช่ JSON|not valid JSON/],
      [JSON.stringify({ type: 'doc', content: [{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }] }), /ไม่อนุญาตเนื้อหาชนิด &quot;script&quot;|ไม่อนุญาตเนื้อหาชนิด "script"/],
      [JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] }), /http, https หรือ mailto/],
      // Long but within the body cap (a longer body is refused with 413 before it is read).
      [JSON.stringify({ type: 'doc', content: [paragraph('a'.repeat(450_000))] }), /ยาวเกิน/],
    ];
    for (const [document, message] of cases) {
      const response = await postForm(app.server, '/account/articles/new', articleFields('เอกสารเสีย', document, 0), { cookie: expert.cookie });
      expect(response.status, document.slice(0, 40)).toBe(400);
      expect(await html(response)).toMatch(message);
      const asJson = await postForm(app.server, '/en/account/articles/new', articleFields('เอกสารเสีย', document, 0), { cookie: expert.cookie, headers: { accept: 'application/json' } });
      expect(asJson.status).toBe(400);
      expect((await asJson.json()).message).toMatchObject({ th: expect.any(String), en: expect.any(String) });
    }
    expect(app.db.$client.prepare("select count(*) from articles where title = 'เอกสารเสีย'").pluck().get()).toBe(0);
  });

  it('takes questions from signed-in readers, mails the author, lets the author answer and admins hide, within a rate limit', async () => {
    const slug = app.db.$client.prepare('select slug from articles where listed = 1 order by id limit 1').pluck().get() as string;
    const authorEmail = app.db.$client.prepare('select u.email from articles a join users u on u.id = a.author_id where a.slug = ?').pluck().get(slug) as string;
    const path = `/articles/${encodeURIComponent(slug)}`;
    const reader = await signedInUser(app.db, { role: 'student' });
    const admin = await signedInUser(app.db, { role: 'admin' });

    const anonymous = await postForm(app.server, path, { intent: 'ask', body: 'คำถาม' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);

    const asked = await postForm(app.server, path, { intent: 'ask', body: 'คำถามที่หนึ่ง <img src=x onerror=alert(1)>' }, { cookie: reader.cookie });
    expect(asked.status).toBe(303);
    const mail = await waitForMail(app.db, authorEmail, 'คำถามใหม่');
    expect(mail.body).toContain('คำถามที่หนึ่ง');
    const page = await html(await getPage(app.server, path, reader.cookie));
    expect(page).toContain('คำถามที่หนึ่ง &lt;img src=x onerror=alert(1)&gt;');
    const questionId = app.db.$client.prepare("select id from article_questions where body like 'คำถามที่หนึ่ง%'").pluck().get() as number;

    // Readers cannot answer or hide; an admin can.
    expect((await postForm(app.server, path, { intent: 'answer', questionId: String(questionId), answer: 'ตอบเอง' }, { cookie: reader.cookie })).status).toBe(403);
    expect((await postForm(app.server, path, { intent: 'hide', questionId: String(questionId) }, { cookie: reader.cookie })).status).toBe(403);
    expect((await postForm(app.server, path, { intent: 'answer', questionId: String(questionId), answer: 'คำตอบจากผู้ดูแล' }, { cookie: admin.cookie })).status).toBe(303);
    expect(await html(await getPage(app.server, path))).toContain('คำตอบจากผู้ดูแล');
    expect((await postForm(app.server, path, { intent: 'hide', questionId: String(questionId) }, { cookie: admin.cookie })).status).toBe(303);
    expect(await html(await getPage(app.server, path, reader.cookie))).not.toContain('คำถามที่หนึ่ง');
    expect(await html(await getPage(app.server, path, admin.cookie))).toContain('คำถามที่หนึ่ง');

    const statuses: number[] = [];
    for (let i = 2; i <= 6; i++) statuses.push((await postForm(app.server, path, { intent: 'ask', body: `คำถามที่ ${i}` }, { cookie: reader.cookie })).status);
    expect(statuses).toEqual([303, 303, 303, 303, 429]);
    const empty = await postForm(app.server, path, { intent: 'ask', body: '   ' }, { cookie: admin.cookie });
    expect(empty.status).toBe(400);
  });

  it('takes pictures and MP4s for the editor, checked by content, from experts and admins only', async () => {
    const expert = await signedInUser(app.db, { role: 'expert' });
    const teacher = await signedInUser(app.db, { role: 'teacher' });
    const upload = (name: string, bytes: Uint8Array, cookie: string) => {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(bytes)]), name);
      return fetch(`${app.server.url}/api/editor/media`, { method: 'POST', body, headers: { cookie, origin: app.server.origin, accept: 'application/json' } });
    };
    const png = drawPng(64, 32, () => [10, 20, 30]);
    const accepted = await upload('ภาพ.png', png, expert.cookie);
    expect(accepted.status).toBe(201);
    const { src } = (await accepted.json()) as { src: string };
    expect(src).toMatch(/^\/media\/[a-f0-9]{16}-[a-f0-9]{8}\.png$/);
    const served = await getPage(app.server, src);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    const pdf = new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(100));
    const refused = await upload('เอกสาร.pdf', pdf, expert.cookie);
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toMatchObject({ th: expect.stringContaining('PNG'), en: expect.stringContaining('PNG') });
    const renamed = await upload('ภาพ.png', pdf, expert.cookie);
    expect(renamed.status).toBe(400);
    expect((await upload('ภาพ.png', png, teacher.cookie)).status).toBe(403);
    expect((await getPage(app.server, '/media/0123456789abcdef-01234567.png')).status).toBe(404);
  });
});
