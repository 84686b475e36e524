// The contract both engines keep, run against a real SQLite file and a real Meilisearch on the same small corpus.
import { beforeAll, describe, expect, it } from 'vitest';
import { searchDocumentSchema, type SearchDocument, type SearchDocumentInput, type SearchEngine, type SearchResult } from '../../search/types.ts';
import { useSearchEngines } from '../helpers/search-engines.ts';

const corpus: SearchDocument[] = ([
  {
    id: 'curricula/vc-electrical-power', type: 'curricula', title: 'หลักสูตร ปวช. สาขาวิชาช่างไฟฟ้ากำลัง',
    titleEn: 'Electrical Power', body: 'ติดตั้งไฟฟ้าภายในอาคารและควบคุมมอเตอร์ ฝึกประสบการณ์ในสถานประกอบการ', fields: ['electrical-technology'],
    levels: ['vc'], lang: 'th', year: 2562,
  },
  {
    id: 'ebooks/diesel', type: 'ebooks', title: 'งานบริการเครื่องยนต์ดีเซลคอมมอนเรล', titleEn: 'Common Rail Diesel Engine Service',
    body: 'ตรวจวินิจฉัยหัวฉีดและปั๊มแรงดันสูงด้วยเครื่องมือสแกน', keywords: ['เครื่องยนต์ดีเซล', 'หัวฉีด'], fields: ['mechanical-technology'],
    levels: ['hvc'], lang: 'th', year: 2568,
  },
  {
    id: 'ebooks/plc', type: 'ebooks', title: 'ระบบควบคุมแบบโปรแกรมได้ PLC เบื้องต้น', titleEn: 'Programmable Logic Controller Basics',
    body: 'เขียนโปรแกรมแลดเดอร์ควบคุมมอเตอร์ไฟฟ้ากระแสสลับ', keywords: ['PLC', 'Ladder'], fields: ['electrical-technology', 'mechatronics-and-robotics'],
    levels: ['vc', 'hvc'], lang: 'th', year: 2567,
  },
  {
    id: 'research/dual-hotel', type: 'research', title: 'ความพึงพอใจของสถานประกอบการต่อนักศึกษาระบบทวิภาคีสาขาการโรงแรม',
    body: 'ศึกษาผู้เรียนทวิภาคีในโรงแรมภูเก็ต', fields: ['hotel-management'], levels: ['hvc'], lang: 'th', year: 2566,
  },
  {
    id: 'ebooks/wbl-guide', type: 'ebooks', title: 'Work-based Learning guide for mechanical teachers', titleEn: 'Work-based Learning guide',
    body: 'How teachers plan WBL with companies, supervise trainees and assess competencies.', fields: ['mechanical-technology'],
    levels: ['teacher-development'], lang: 'en', year: 2568,
  },
  {
    id: 'experts/it', type: 'experts', title: 'นายอดิศักดิ์ หมื่นศรี', body: 'ผู้เชี่ยวชาญคอมพิวเตอร์ธุรกิจและระบบเครือข่าย สอนเขียนโปรแกรม',
    keywords: ['คอมพิวเตอร์', 'เครือข่าย'], fields: ['information-technology'], lang: 'th',
  },
  {
    id: 'courses/ai-farm', type: 'courses', title: 'AI ในงานเกษตรอัจฉริยะ', body: 'ใช้ปัญญาประดิษฐ์วิเคราะห์ภาพแปลงผัก', fields: ['smart-farming'],
    levels: ['short-course'], lang: 'th', year: 2568,
  },
  {
    id: 'ebooks/microcontroller', type: 'ebooks', title: 'Microcontroller and IoT sensors', body: 'ESP32 boards, MQTT and a temperature sensor dashboard.',
    keywords: ['IoT', 'microcontroller'], fields: ['electronics'], levels: ['hvc'], lang: 'en', year: 2568,
  },
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `research/energy-${i}`, type: 'research', title: `การประหยัดพลังงานไฟฟ้าในวิทยาลัย ตอนที่ ${i + 1}`, body: 'ลดค่าไฟฟ้าด้วยการตรวจวัดพลังงาน',
    fields: ['electrical-technology'], lang: 'th', year: 2560 + (i % 3),
  })),
] satisfies SearchDocumentInput[]).map((d) => searchDocumentSchema.parse(d));

const ids = (result: SearchResult) => result.hits.map((h) => h.id);

const both = useSearchEngines('contract');
const engines: [string, () => SearchEngine][] = [
  ['sqlite', () => both.sqlite()],
  // Every full reindex with its trigram table built by a worker thread (decision 028), as large catalogs get.
  ['sqlite, two-thread reindex', () => both.sqlite({ parallelBuildFrom: 1 })],
  ['meilisearch', () => both.meilisearch()],
];

describe.each(engines)('search engine %s', (_name, make) => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = make();
    await engine.prepare();
    await engine.replaceAll(corpus);
  });

  it('holds exactly the documents of the last full reindex', async () => {
    expect(await engine.count()).toBe(corpus.length);
  });

  it('finds a Thai word inside a longer compound (ไฟฟ้า in ช่างไฟฟ้ากำลัง)', async () => {
    expect(ids(await engine.search({ q: 'ไฟฟ้า', perPage: 50 }))).toContain('curricula/vc-electrical-power');
    expect(ids(await engine.search({ q: 'ไฟฟ้ากำลัง' }))[0]).toBe('curricula/vc-electrical-power');
  });

  it('finds compounds typed without spaces and words ending in ์', async () => {
    expect(ids(await engine.search({ q: 'เครื่องยนต์ดีเซล' }))[0]).toBe('ebooks/diesel');
    expect(ids(await engine.search({ q: 'ทวิภาคี' }))[0]).toBe('research/dual-hotel');
    expect(ids(await engine.search({ q: 'คอมพิวเตอร์' }))).toContain('experts/it');
  });

  it('finds English terms whatever their case, and Thai/English synonyms', async () => {
    expect(ids(await engine.search({ q: 'plc' }))[0]).toBe('ebooks/plc');
    expect(ids(await engine.search({ q: 'Work-based Learning' }))[0]).toBe('ebooks/wbl-guide');
    expect(ids(await engine.search({ q: 'ไอโอที' }))).toContain('ebooks/microcontroller');
  });

  it('answers queries shorter than three characters', async () => {
    expect(ids(await engine.search({ q: 'AI' }))).toContain('courses/ai-farm');
    expect(ids(await engine.search({ q: 'ไฟ', perPage: 50 }))).toContain('curricula/vc-electrical-power');
    // A short term beside a longer one: both must match (the embedded engine answers the short one from its words).
    expect(ids(await engine.search({ q: 'AI เกษตร' }))[0]).toBe('courses/ai-farm');
  });

  it('tolerates a typo', async () => {
    expect(ids(await engine.search({ q: 'microcontroler' }))).toContain('ebooks/microcontroller');
  });

  it('filters by type, field and level, and counts facets among the matches', async () => {
    const result = await engine.search({ q: 'ไฟฟ้า', filters: { type: ['ebooks'] } });
    expect(ids(result)).toEqual(['ebooks/plc']);
    const byLevel = await engine.search({ q: 'มอเตอร์', filters: { levels: ['hvc'], fields: ['electrical-technology'] } });
    expect(ids(byLevel)).toEqual(['ebooks/plc']);
    const all = await engine.search({ q: 'ไฟฟ้า', perPage: 50 });
    expect(all.facets.type).toMatchObject({ research: 12, ebooks: 1, curricula: 1 });
    expect(all.facets.fields?.['electrical-technology']).toBe(14);
    expect(all.total).toBe(all.hits.length);
  });

  it('pages through results without repeats', async () => {
    const first = await engine.search({ q: 'พลังงาน', perPage: 5 });
    const second = await engine.search({ q: 'พลังงาน', perPage: 5, page: 2 });
    expect(first.total).toBe(12);
    expect(second.hits).toHaveLength(5);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(10);
  });

  it('highlights the matched words in the title and the snippet', async () => {
    const [hit] = (await engine.search({ q: 'หัวฉีด' })).hits;
    expect(hit?.id).toBe('ebooks/diesel');
    expect(hit!.highlight.snippet.filter((s) => s.match).map((s) => s.text)).toContain('หัวฉีด');
    const [plc] = (await engine.search({ q: 'PLC' })).hits;
    expect(plc!.highlight.title.some((s) => s.match && s.text === 'PLC')).toBe(true);
    expect(plc!.highlight.title.map((s) => s.text).join('')).toBe(plc!.title);
  });

  it('suggests titles for a prefix being typed', async () => {
    const suggestions = await engine.suggest('เครื่องยน');
    expect(suggestions[0]?.id).toBe('ebooks/diesel');
  });

  it('browses by filters alone when the query is empty', async () => {
    const result = await engine.search({ q: '', filters: { fields: ['hotel-management'] } });
    expect(ids(result)).toEqual(['research/dual-hotel']);
  });

  it('applies upserts and removals, and a full reindex drops what it does not hold', async () => {
    await engine.upsert([{ ...corpus[1]!, title: 'งานบริการเครื่องยนต์ดีเซลรุ่นใหม่ ไบโอดีเซล' }]);
    expect((await engine.search({ q: 'ไบโอดีเซล' })).hits[0]?.id).toBe('ebooks/diesel');
    expect(await engine.count()).toBe(corpus.length);
    await engine.remove(['ebooks/diesel']);
    expect(ids(await engine.search({ q: 'ดีเซล' }))).not.toContain('ebooks/diesel');
    await engine.replaceAll(corpus.slice(0, 3));
    expect(await engine.count()).toBe(3);
    expect((await engine.search({ q: 'ทวิภาคี' })).total).toBe(0);
    await engine.replaceAll(corpus);
  });

  it('takes writes of many documents whole, the last of two with one id winning', async () => {
    const many = Array.from({ length: 240 }, (_, i) =>
      searchDocumentSchema.parse({
        id: `ebooks/maintenance-${i}`, type: 'ebooks', title: `คู่มือซ่อมบำรุงเครื่องจักร เล่ม ${i + 1}`, body: 'การหล่อลื่นและตรวจสภาพตลับลูกปืน',
        fields: ['mechanical-technology'], lang: 'th', year: 2568,
      } satisfies SearchDocumentInput),
    );
    await engine.replaceAll([...corpus, ...many, { ...many[0]!, title: 'คู่มือซ่อมบำรุงเครื่องจักร ฉบับปรับปรุง' }]);
    expect(await engine.count()).toBe(corpus.length + many.length);
    expect(ids(await engine.search({ q: 'ฉบับปรับปรุง' }))).toEqual(['ebooks/maintenance-0']);
    expect((await engine.search({ q: 'ตลับลูกปืน', perPage: 1, facets: true })).facets.fields).toEqual({ 'mechanical-technology': 240 });
    await engine.upsert(many.map((d) => ({ ...d, body: 'ตรวจสอบสายพานลำเลียง' })));
    expect((await engine.search({ q: 'สายพานลำเลียง', perPage: 1 })).total).toBe(240);
    expect((await engine.search({ q: 'ตลับลูกปืน' })).total).toBe(0);
    expect(await engine.count()).toBe(corpus.length + many.length);
    await engine.replaceAll(corpus);
  });
});
