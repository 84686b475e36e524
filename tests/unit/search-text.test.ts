import { describe, expect, it } from 'vitest';
import { articleDocument, catalogDocuments, catalogItemDocument, fieldNamesOf, readContentItems, readFields } from '../../search/documents.ts';
import { planQuery } from '../../search/query-plan.ts';
import { Dictionary, highlight, markdownToText, normalizeText, segmentWords, snippet } from '../../search/text.ts';
import { domainDictionaryWords } from '../../search/vocabulary.ts';

const dictionary = new Dictionary(domainDictionaryWords());
const words = (text: string) => segmentWords(normalizeText(text), dictionary);

describe('Thai segmentation with the domain dictionary', () => {
  it('keeps domain words whole where ICU alone splits them', () => {
    expect(words('ช่างไฟฟ้ากำลัง')).toEqual(['ช่าง', 'ไฟฟ้า', 'กำลัง']);
    expect(words('เครื่องยนต์ดีเซล')).toEqual(['เครื่องยนต์', 'ดีเซล']);
    expect(words('ระบบทวิภาคี PLC')).toEqual(['ระบบ', 'ทวิภาคี', 'plc']);
  });

  it('never starts a word on a vowel or tone mark that belongs to the syllable before', () => {
    // ไฟ is not a dictionary word; ฟ้า must not be cut out of ไฟฟ้า's neighbour
    for (const w of words('เครื่องปรับอากาศและทำความเย็น')) expect(w).not.toMatch(/^[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]/);
  });
});

describe('query planning', () => {
  it('turns synonyms spanning spaces and hyphens into one term with every alternative', () => {
    const terms = planQuery('Work-based Learning ครู', dictionary);
    expect(terms[0]!.alternatives).toContain('wbl');
    expect(terms[1]!.alternatives).toEqual(['ครู', 'teacher']);
  });

  it('drops function words unless nothing else is left, and marks the last word typed as a prefix', () => {
    expect(planQuery('การควบคุมมอเตอ', dictionary).map((t) => t.alternatives[0])).toEqual(['ควบคุม', 'มอเตอ']);
    expect(planQuery('การ', dictionary)).toHaveLength(1);
    expect(planQuery('มอเตอ', dictionary)[0]!.prefix).toBe(true);
    expect(planQuery('มอเตอ ', dictionary)[0]!.prefix).toBe(false);
  });
});

describe('highlights and text', () => {
  it('marks every occurrence and keeps the text whole', () => {
    const parts = highlight('PLC และ plc', ['plc']);
    expect(parts).toEqual([
      { text: 'PLC', match: true },
      { text: ' และ ', match: false },
      { text: 'plc', match: true },
    ]);
  });

  it('cuts a snippet around the first match', () => {
    const text = `${'ก'.repeat(300)} ดีเซล ${'ข'.repeat(300)}`;
    const parts = snippet(text, ['ดีเซล'], 100);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.some((p) => p.match && p.text === 'ดีเซล')).toBe(true);
  });

  it('reads Markdown as plain text', () => {
    expect(markdownToText('## บทที่ 1\n\n- **PLC** [คู่มือ](https://x.y)\n')).toBe('บทที่ 1 PLC คู่มือ');
  });
});

describe('search documents of the catalog', () => {
  const documents = catalogDocuments();
  const names = fieldNamesOf(readFields());

  it('never makes a document of an unpublished item or a draft article', () => {
    const item = readContentItems()[0]!;
    expect(catalogItemDocument(item, names)?.id).toBe(`${item.type}/${item.slug}`);
    expect(catalogItemDocument({ ...item, status: 'unpublished' }, names)).toBeUndefined();
    const article = { slug: 'plc-tips', title: 'เคล็ดลับ PLC', body: '## PLC\n\nข้อความ', fields: ['electrical-technology'], published: new Date('2025-01-02') };
    expect(articleDocument({ ...article, status: 'draft' }, names)).toBeUndefined();
    expect(articleDocument({ ...article, status: 'published' }, names)).toMatchObject({
      id: 'articles/plc-tips', type: 'articles', body: 'PLC ข้อความ', fieldNames: expect.arrayContaining(['Electrical Technology']),
    });
  });

  it('turns every content/ item into one document with its field names', () => {
    expect(documents.length).toBeGreaterThan(30);
    expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
    for (const d of documents) {
      expect(d.title, d.id).not.toBe('');
      expect(d.fieldNames.length, d.id).toBeGreaterThan(0);
    }
  });
});
