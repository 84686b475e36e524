// The search box over real HTTP against the built server and its embedded index (Meilisearch is covered by the
// engine contract suite): Thai queries, facets, highlights, suggestions, and web edits reaching the index.
import { describe, expect, it } from 'vitest';
import { getPage, signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();

const search = async (query: string) => (await getPage(app.server, `/search?${query}`)).text();
const hitLinks = (html: string) => [...html.matchAll(/<li class="hit">[\s\S]*?<h3><a href="([^"]+)"/g)].map((m) => m[1]!);

async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('the search page', () => {
  it('finds a Thai word inside compounds, with highlights and facet counts', async () => {
    const html = await search(`q=${encodeURIComponent('ไฟฟ้า')}`);
    expect(html).toMatch(/พบ \d+ รายการ/);
    expect(hitLinks(html)).toContain('/library/curricula/vc-2562-electrical-power');
    expect(html).toContain('<mark>ไฟฟ้า</mark>');
    expect(html).toMatch(/ประเภท[\s\S]*หลักสูตร <span class="badge">\d+<\/span>/);
  });

  it('pages ไฟฟ้า with one count on every page, each item on exactly one page', async () => {
    const first = await search(`q=${encodeURIComponent('ไฟฟ้า')}`);
    const count = Number(/พบ (\d+) รายการ/.exec(first)![1]);
    expect(count).toBeGreaterThan(10);
    const links = hitLinks(first);
    for (let page = 2; page <= Math.ceil(count / 10); page++) {
      const html = await search(`q=${encodeURIComponent('ไฟฟ้า')}&page=${page}`);
      expect(html).toContain(`พบ ${count} รายการ`);
      links.push(...hitLinks(html));
    }
    expect(new Set(links).size).toBe(links.length);
    expect(links).toHaveLength(count);
  });

  it('narrows by type and field through the facet links', async () => {
    const html = await search(`q=${encodeURIComponent('ไฟฟ้า')}&type=research&field=electrical-technology`);
    const links = hitLinks(html);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((href) => href.startsWith('/library/research/'))).toBe(true);
    expect(html).toContain('aria-current="true"');
  });

  it('finds English terms and answers in English under /en', async () => {
    const html = await (await getPage(app.server, '/en/search?q=PLC')).text();
    expect(html).toContain('<html lang="en"');
    expect(hitLinks(html).some((href) => href === '/en/library/ebooks/ac-motor-control-and-plc')).toBe(true);
  });

  it('helps when nothing is found, and counts the search without personal data', async () => {
    const html = await search('q=zzqqxxyy');
    expect(html).toContain('ไม่พบรายการที่ตรงกับ “zzqqxxyy”');
    expect(html).toContain('ลองใช้คำให้น้อยลง');
    // Searches are counted a quarter second at a time (search/log.ts).
    const row = () => app.db.$client.prepare('select hits from search_log where query = ? order by id desc').get('zzqqxxyy') as { hits: number } | undefined;
    await expect.poll(row, { timeout: 5000 }).toEqual({ hits: 0 });
    const columns = app.db.$client.prepare("select name from pragma_table_info('search_log')").pluck().all();
    expect(columns).not.toEqual(expect.arrayContaining(['user_id']));
    const { cookie } = await signedInUser(app.db, { role: 'admin', email: 'log-admin@example.ac.th' });
    const report = await (await getPage(app.server, '/admin/searches', cookie)).text();
    expect(report).toMatch(/คำค้นที่ไม่พบผลลัพธ์[\s\S]*zzqqxxyy/);
    const { cookie: teacher } = await signedInUser(app.db, { role: 'teacher', email: 'log-teacher@example.ac.th' });
    expect((await getPage(app.server, '/admin/searches', teacher)).status).toBe(403);
  });

  it('treats odd parameters as absent, never as an error', async () => {
    const response = await getPage(app.server, `/search?q=${encodeURIComponent('ก'.repeat(900))}&type=<script>&page=-3&field=../../x`);
    expect(response.status).toBe(200);
  });
});

describe('suggestions', () => {
  it('offer titles while typing, and nothing for one character', async () => {
    const list = (await (await getPage(app.server, `/api/suggest?q=${encodeURIComponent('หุ่นยนต์')}`)).json()) as { title: string; href: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((s) => s.title.includes('หุ่นยนต์') && /^\/(library|articles|courses)\//.test(s.href))).toBe(true);
    expect(await (await getPage(app.server, '/api/suggest?q=ก')).json()).toEqual([]);
    const english = (await (await getPage(app.server, '/api/suggest?q=PLC&lang=en')).json()) as { href: string }[];
    expect(english.every((s) => s.href.startsWith('/en/'))).toBe(true);
  });
});

describe('web edits reach the index within 5 seconds', () => {
  it('an item an admin creates is found, and gone once unpublished', async () => {
    const { cookie } = await signedInUser(app.db, { role: 'admin', email: 'search-admin@example.ac.th' });
    // Asked before the save, so the answer (nothing found) is in the server's result cache: the save must not be hidden by it.
    const query = `q=${encodeURIComponent('ไฮโดรโปนิกส์')}`;
    expect(hitLinks(await search(query))).not.toContain('/library/ebooks/hydroponics-basics');
    expect(hitLinks(await search(query))).not.toContain('/library/ebooks/hydroponics-basics');
    const form = new FormData();
    const fields: Record<string, string | string[]> = {
      intent: 'save', slug: 'hydroponics-basics', titleTh: 'การปลูกผักไฮโดรโปนิกส์เชิงพาณิชย์', authors: 'นายเกษตร ก้าวหน้า',
      summary: 'ระบบปลูกพืชไร้ดิน', levels: ['vc'], language: 'th', publisher: 'วิทยาลัยเกษตรและเทคโนโลยีสุพรรณบุรี', year: '2569',
      licence: 'CC BY 4.0', fields: ['plant-science'], published: '2026-11-10',
    };
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
    form.append('upload', new Blob(['%PDF-1.4\nไฮโดรโปนิกส์\n%%EOF\n'], { type: 'application/pdf' }), 'hydroponics.pdf');
    const saved = await fetch(`${app.server.url}/admin/items/new?type=ebooks`, { method: 'POST', body: form, headers: { cookie, origin: app.server.url }, redirect: 'manual' });
    expect(saved.status).toBe(303);
    expect(await eventually(async () => hitLinks(await search(query)).includes('/library/ebooks/hydroponics-basics'))).toBe(true);

    const unpublish = new FormData();
    unpublish.append('intent', 'unpublish');
    await fetch(`${app.server.url}/admin/items/ebooks/hydroponics-basics`, { method: 'POST', body: unpublish, headers: { cookie, origin: app.server.url }, redirect: 'manual' });
    expect(await eventually(async () => !hitLinks(await search(query)).includes('/library/ebooks/hydroponics-basics'))).toBe(true);
  });
});
