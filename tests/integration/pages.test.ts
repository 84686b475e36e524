// The built server over real HTTP: the pages a visitor opens first, in Thai and English.
import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../../src/lib/catalog/file-size.ts';
import { readContentItems } from '../../src/server/catalog/sources.ts';
import { saveItems } from '../../src/server/catalog/store.ts';
import { postForm, signedInUser } from '../helpers/accounts.ts';
import { contentDir, readMarkdownEntries } from '../helpers/content.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();

async function get(path: string, cookie?: string) {
  const response = await fetch(app.server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
}

const cardCount = (html: string) => html.match(/class="field-card"/g)?.length ?? 0;

describe('pages', () => {
  it('home page in Thai', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/text\/html/);
    expect(page.html).toContain('<html lang="th"');
    expect(page.html).toContain('คลังปัญญาอาชีวศึกษา');
    expect(page.html).toContain('role="search"');
    expect(page.html).toContain('href="/en/"');
    // The newest items, linked to their pages.
    expect(page.html).toContain('เพิ่มล่าสุดในคลัง');
    expect(page.html.match(/class="item-card"/g)?.length).toBe(6);
  });

  it('a list of fields says the limit its own form keeps, and no other', async () => {
    // The hint once said "up to 10" on every list, beside an article's legend saying at most 5.
    expect((await get('/register')).html).toContain('เลือกได้สูงสุด 10 สาขา');
    expect((await get('/en/register')).html).toContain('Choose up to 10.');
    const expert = await signedInUser(app.db, { role: 'expert' });
    const editor = (await get('/account/articles/new', expert.cookie)).html;
    expect(editor).toContain('สาขาวิชา (ไม่เกิน 5 สาขา)');
    expect(editor).not.toContain('เลือกได้สูงสุด');
  });

  it('signing in from the header comes back to the page, and the footer leads to contact, privacy and accessibility', async () => {
    const page = await get('/library?type=research');
    expect(page.html).toContain(`href="/login?next=${encodeURIComponent('/library?type=research')}"`);
    expect((await get('/login')).html).toContain('href="/login">');
    for (const href of ['href="/privacy"', 'href="/accessibility"', 'href="mailto:webmaster@127.0.0.1"', 'href="/feed.xml"']) expect(page.html).toContain(href);
    for (const path of ['/privacy', '/accessibility', '/en/privacy', '/en/accessibility']) expect((await get(path)).status, path).toBe(200);
  });

  it('home page in English', async () => {
    const page = await get('/en/');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="en"');
    expect(page.html).toContain('The Intelligent Center of Excellence in Cluster');
  });

  it('/fields lists all 101 fields grouped by fiscal year', async () => {
    const page = await get('/fields');
    expect(page.status).toBe(200);
    expect(cardCount(page.html)).toBe(101);
    for (const heading of ['ปีงบประมาณ 2564', 'ปีงบประมาณ 2565', 'ปีงบประมาณ 2566']) expect(page.html).toContain(heading);
    expect(page.html).toContain('การโรงแรม');
    expect(page.html).toContain('วิทยาลัยอาชีวศึกษาภูเก็ต');
    // Each card says how many items its field holds.
    const held = readContentItems(contentDir).filter((item) => item.data.fields.includes('hotel-management')).length;
    const card = /<article class="field-card">(?:(?!<\/article>)[\s\S])*?\/fields\/hotel-management"[\s\S]*?<\/article>/.exec(page.html)?.[0];
    expect(held).toBeGreaterThan(0);
    expect(card).toContain(`${held} รายการ`);
  });

  it('/en/fields lists all 101 fields in English, and groups by cluster on request', async () => {
    const page = await get('/en/fields?group=cluster');
    expect(page.status).toBe(200);
    expect(cardCount(page.html)).toBe(101);
    expect(page.html).toContain('Hotel');
    expect(page.html).toContain('Next-Generation Automotive');
  });

  it('/fields filters by year and name', async () => {
    expect(cardCount((await get('/fields?year=2565')).html)).toBe(17);
    const hotel = await get(`/fields?q=${encodeURIComponent('โรงแรม')}`);
    expect(cardCount(hotel.html)).toBeGreaterThanOrEqual(1);
    expect(cardCount(hotel.html)).toBeLessThan(101);
    const none = await get('/fields?q=zzzzzz');
    expect(cardCount(none.html)).toBe(0);
    expect(none.html).toContain('ไม่พบสาขาวิชาที่ตรงกับตัวกรอง');
  });

  it('a field page shows its host college and what it holds', async () => {
    const page = await get('/fields/hotel-management');
    expect(page.status).toBe(200);
    expect(page.html).toContain('การโรงแรม');
    expect(page.html).toContain('วิทยาลัยอาชีวศึกษาภูเก็ต');
    expect(page.html).toContain('ปีงบประมาณ');
    expect(page.html).toContain('หนังสืออิเล็กทรอนิกส์และสื่อการเรียนรู้');
    const english = await get('/en/fields/hotel-management');
    expect(english.status).toBe(200);
    expect(english.html).toContain('Phuket Vocational College');
  });

  it("every curated e-book's download button names the file's type and size, in Thai and English", async () => {
    for (const { id } of readMarkdownEntries('ebooks')) {
      for (const [prefix, lang, label] of [['', 'th', 'ดาวน์โหลด'], ['/en', 'en', 'Download']] as const) {
        const page = await get(`${prefix}/library/ebooks/${id}`);
        const button = /<ul class="downloads"><li><a class="button" href="([^"]+)"[^>]*>([^<]+)<\/a>/.exec(page.html);
        expect(button, id).not.toBeNull();
        const file = await fetch(app.server.url + button![1]!);
        expect(file.status, button![1]).toBe(200);
        expect(button![2], id).toBe(`${label} PDF · ${formatFileSize((await file.arrayBuffer()).byteLength, lang)}`);
      }
    }
  });

  it("a field page shows that field's newest listed articles, four at most, newest first", async () => {
    const rows = app.db.$client
      .prepare('select a.slug, r.fields from articles a join article_revisions r on r.id = a.published_revision_id where a.listed = 1 order by a.first_published_at desc, a.id desc')
      .all() as { slug: string; fields: string }[];
    const byField = new Map<string, string[]>();
    for (const row of rows) for (const field of JSON.parse(row.fields) as string[]) byField.set(field, [...(byField.get(field) ?? []), row.slug]);
    expect(byField.size).toBeGreaterThan(0);
    for (const [field, slugs] of byField) {
      const page = await get(`/fields/${field}`);
      expect(page.status, field).toBe(200);
      const section = /<section aria-labelledby="field-articles-heading">[\s\S]*?<\/section>/.exec(page.html)?.[0] ?? '';
      const shown = [...section.matchAll(/<h3[^>]*><a href="\/articles\/([^"?]+)"/g)].map((m) => decodeURIComponent(m[1]!));
      expect(shown, field).toEqual(slugs.slice(0, 4));
    }
  });

  it('a missing page answers 404 in Thai and English', async () => {
    for (const path of ['/no-such-page', '/fields/no-such-field', '/en/fields/no-such-field']) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.html).toContain('ไม่พบหน้าที่ต้องการ');
      expect(page.html).toContain('Page not found');
    }
  });
});

/** The text of the first element matching `pattern` (tags removed), or undefined. */
const textOf = (html: string, pattern: RegExp) => pattern.exec(html)?.[1]?.replace(/<[^>]+>/g, '').trim();
const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];

describe('the home page', () => {
  it('links each promise to the feature that keeps it, and shows the latest articles', async () => {
    for (const [path, prefix] of [['/', ''], ['/en/', '/en']] as const) {
      const html = main((await get(path)).html);
      const offers = /<ul class="offers">([\s\S]*?)<\/ul>/.exec(html)![1]!;
      const cards = offers.split('<li>').slice(1);
      expect(cards, path).toHaveLength(4);
      for (const card of cards) expect(card, path).toMatch(/<a href="[^"]+">/);
      for (const feature of ['/library', '/courses', '/articles', '/experts', '/manpower']) expect(offers, path).toContain(`href="${prefix}${feature}"`);
      // Every promised feature answers.
      for (const href of [...offers.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!)) expect((await get(href)).status, href).toBe(200);
      expect(html, path).toContain('id="latest-articles-heading"');
      expect(html.match(/class="item-card article-card"/g)?.length, path).toBeGreaterThan(0);
    }
  });
});

describe('an empty field', () => {
  // production-technology holds nothing in the demo content; its cluster's other fields do.
  const empty = '/fields/production-technology';

  it('is still worth a visit: its host college and how to reach it, related fields that hold materials, a feed, a way to follow', async () => {
    const { status, html } = await get(empty);
    expect(status).toBe(200);
    const body = main(html);
    expect(body).toContain('id="host-heading"');
    expect(body).toMatch(/href="https:\/\/www\.openstreetmap\.org\/search\?query=[^"]+"/);
    expect(body).toContain('href="mailto:');
    expect(body).toContain('href="/fields/production-technology/feed.xml"');
    expect(body).toContain(`href="/login?next=${encodeURIComponent(empty)}"`);
    // One note that the field is empty, not a box per type.
    expect(body.match(/class="empty-state"/g)).toHaveLength(1);
    // Related fields, each holding something.
    const related = /id="related-fields-heading"[\s\S]*?<\/section>/.exec(body)![0];
    const counts = [...related.matchAll(/<p class="muted">(\d+) รายการ<\/p>/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => n > 0)).toBe(true);
    const english = main((await get(`/en${empty}`)).html);
    expect(english).toContain('href="/en/fields/production-technology/feed.xml"');
    expect(english).toContain('Host college');
    // English pages count years in the Common Era, the Buddhist Era year beside it.
    expect(english).toMatch(/<dt>Designated in fiscal year<\/dt><dd>20(21|22|23) \(B\.E\. 256[4-6]\)<\/dd>/);
    expect(main((await get('/en/fields')).html)).toMatch(/Fiscal year 2021 \(B\.E\. 2564\)/);
  });

  it('the field filter on lists and the fields index say how much each field holds', async () => {
    const library = (await get('/library')).html;
    expect(library).toMatch(/<option value="production-technology">[^<]+ \(0\)<\/option>/);
    expect(library).toMatch(/<option value="hotel-management">[^<]+ \([1-9]\d*\)<\/option>/);
    // The chosen field stays chosen (the options are written once per catalog version, `selected` per request).
    const chosen = /<select name="field">[\s\S]*?<\/select>/.exec((await get('/library?field=hotel-management')).html)?.[0] ?? '';
    expect(chosen.match(/<option value="[^"]*" selected>/g)).toEqual(['<option value="hotel-management" selected>']);
    const fields = (await get('/fields')).html;
    expect(fields).toMatch(/\/fields\/production-technology"[\s\S]*?<p class="muted">0 รายการ<\/p>/);
  });

  it('can be followed by a signed-in person, whose account then lists what is published in it', async () => {
    const { cookie } = await signedInUser(app.db, { role: 'teacher', email: 'follower@example.ac.th' });
    // Signed out, following asks to sign in first and comes back.
    const anonymous = await postForm(app.server, empty, { intent: 'follow' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(empty)}`);

    const followed = await postForm(app.server, empty, { intent: 'follow' }, { cookie });
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe(`${empty}?followed=1#follow`);
    expect(main((await get(`${empty}?followed=1`, cookie)).html)).toContain('<button type="submit">เลิกติดตาม</button>');
    let account = main((await get('/account', cookie)).html);
    expect(account).toContain('href="/fields/production-technology"');
    expect(account).toContain('สาขาที่ติดตามยังไม่มีรายการ');

    // Something is published in the field: the account lists it as new.
    const template = readMarkdownEntries('ebooks').find((e) => e.id === 'ac-motor-control-and-plc')!.data as Record<string, unknown>;
    const today = new Date().toISOString().slice(0, 10);
    saveItems(app.db, [{ type: 'ebooks', slug: 'followed-field-handbook', data: { ...template, titleTh: 'คู่มืองานผลิตสำหรับผู้ติดตาม', fields: ['production-technology'], published: today }, body: '' }]);
    account = main((await get('/account', cookie)).html);
    expect(account).toMatch(/<span class="badge">ใหม่<\/span> <a href="\/library\/ebooks\/followed-field-handbook">คู่มืองานผลิตสำหรับผู้ติดตาม<\/a>/);

    // Unfollowing takes it off the account page.
    expect((await postForm(app.server, empty, { intent: 'unfollow' }, { cookie })).status).toBe(303);
    account = main((await get('/account', cookie)).html);
    expect(account).not.toContain('followed-field-handbook');
    expect(account).toContain('ท่านยังไม่ได้ติดตามสาขาใด');
    // A made-up intent is refused with a message, not a 500.
    expect((await postForm(app.server, empty, { intent: 'subscribe' }, { cookie })).status).toBe(400);
  });
});

describe('English pages', () => {
  it('an item shows its English title and summary, every label in English, C.E. years with the B.E. year, Thai text marked lang="th"', async () => {
    const html = main((await get('/en/library/ebooks/ev-high-voltage-battery-systems')).html);
    expect(textOf(html, /<h1[^>]*>([\s\S]*?)<\/h1>/)).toBe('Electric Vehicle Battery Systems and High-Voltage Safety');
    expect(html).toContain('<p class="lead">How the lithium-ion batteries of electric vehicles');
    expect(html).toContain('<dt>Language</dt><dd>Thai</dd>');
    expect(html).not.toContain('ไทย</dd>');
    expect(html).toContain('<dd>2025 (B.E. 2568)</dd>');
    expect(html).toMatch(/<dd lang="th">วิทยาลัยเทคนิคชลบุรี<\/dd>/);
    expect(html).toMatch(/<div class="prose" lang="th">/);
    // Every Thai run of text in the page's main part sits inside an element marked Thai.
    const thai = /[\u0e00-\u0e7f]/;
    // (The download buttons name their files as the files are named.)
    const unmarked = [...html.replace(/<ul class="downloads">[\s\S]*?<\/ul>/, '').replace(/<([a-z0-9]+)[^>]*\blang="th"[^>]*>[\s\S]*?<\/\1>/g, '').matchAll(/>([^<]*)</g)].map((m) => m[1]!).filter((text) => thai.test(text));
    expect(unmarked).toEqual([]);
    // The Thai page keeps B.E. years and marks its English title.
    const thaiPage = main((await get('/library/ebooks/ev-high-voltage-battery-systems')).html);
    expect(thaiPage).toContain('<dd>2568</dd>');
    expect(thaiPage).toContain('<p class="muted" lang="en">Electric Vehicle Battery Systems and High-Voltage Safety</p>');
  });

  it('an expert shows the English position and a sign-in link that comes back for the contact details', async () => {
    const html = main((await get('/en/library/experts/adisak-muensri')).html);
    expect(html).toContain('Senior Professional Teacher, Department of Information Technology');
    expect(html).toContain(`href="/en/login?next=${encodeURIComponent('/en/library/experts/adisak-muensri')}"`);
    expect(main((await get('/library/experts/adisak-muensri')).html)).toContain(`href="/login?next=${encodeURIComponent('/library/experts/adisak-muensri')}"`);
  });

  it('lists show English summaries and C.E. years', async () => {
    const html = main((await get('/en/research')).html);
    expect(html).toContain('A battery management system training kit built for teaching electric vehicle technology');
    expect(html).toMatch(/<span class="muted"> \d{4} \(B\.E\. 25\d\d\)<\/span>/);
    expect(html).toContain('<option value="th">Thai</option>');
  });

  it('/en/search?q=electric leads with English titles and snippets', async () => {
    const html = main((await get('/en/search?q=electric')).html);
    const hits = html.split('<li class="hit">').slice(1);
    expect(hits.length).toBeGreaterThan(0);
    const first = hits[0]!;
    const title = textOf(first, /<h3[^>]*>([\s\S]*?)<\/h3>/)!;
    expect(title).toMatch(/electric/i);
    expect(title).not.toMatch(/[\u0e00-\u0e7f]/);
    expect(first).toMatch(/<mark>Electric<\/mark>/);
    expect(first).toMatch(/<p class="muted" lang="th">[\u0e00-\u0e7f]/);
    const snippet = textOf(first, /<p class="snippet"[^>]*>([\s\S]*?)<\/p>/)!;
    expect(snippet).not.toMatch(/[\u0e00-\u0e7f]/);
    // A hit with no English title keeps its Thai one, marked as Thai.
    for (const hit of hits) if (/[\u0e00-\u0e7f]/.test(textOf(hit, /<h3[^>]*>([\s\S]*?)<\/h3>/)!)) expect(hit).toContain('<h3 lang="th">');
  });
});
