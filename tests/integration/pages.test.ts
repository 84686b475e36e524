// The built server over real HTTP: the pages a visitor opens first, in Thai and English.
import { describe, expect, it } from 'vitest';
import { readContentItems } from '../../src/server/catalog/sources.ts';
import { contentDir } from '../helpers/content.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();

async function get(path: string) {
  const response = await fetch(app.server.url + path, { redirect: 'manual' });
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

  it('a missing page answers 404 in Thai and English', async () => {
    for (const path of ['/no-such-page', '/fields/no-such-field', '/en/fields/no-such-field']) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.html).toContain('ไม่พบหน้าที่ต้องการ');
      expect(page.html).toContain('Page not found');
    }
  });
});
