import { describe, expect, it } from 'vitest';
import { articleDocument, catalogDocuments, catalogItemDocument, fieldNamesOf, readContentItems, readFields } from '../../search/documents.ts';
import { planQuery } from '../../search/query-plan.ts';
import { readFileSync } from 'node:fs';
import { segments } from '../../search/engines/meilisearch.ts';
import { meilisearchSettings } from '../../search/settings.ts';
import { cropHighlighted, Dictionary, highlight, markdownToText, normalizeText, segmentWords, snippet } from '../../search/text.ts';
import type { Highlighted } from '../../search/types.ts';
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

describe('the dictionary holds atoms, never compounds', () => {
  const atoms = domainDictionaryWords();
  const known = new Set(atoms);
  /** The word as two or more other dictionary words, if it is one. */
  function parts(word: string): string[] | undefined {
    const best: (string[] | undefined)[] = [[]];
    for (let end = 1; end <= word.length; end++) {
      for (let start = 0; start < end && !best[end]; start++) {
        const piece = word.slice(start, end);
        if (best[start] && piece !== word && known.has(piece)) best[end] = [...best[start]!, piece];
      }
    }
    return best[word.length];
  }

  it('has no word made of other dictionary words', () => {
    expect(atoms.map((w) => [w, parts(w)]).filter(([, p]) => p)).toEqual([]);
  });

  it('keeps field names out of Meilisearch, whose dictionary is the atoms alone', () => {
    const dictionary = meilisearchSettings(atoms).dictionary!;
    for (const field of readFields()) {
      for (const name of [field.nameTh, field.specializationTh]) {
        if (name && [...known].some((w) => w !== name && name.includes(w))) expect(dictionary).not.toContain(name);
      }
    }
    expect(dictionary).not.toContain('ช่างไฟฟ้ากำลัง');
    expect(dictionary).not.toContain('ต่อเรือ');
    expect([...dictionary].sort()).toEqual([...new Set(atoms.map(normalizeText))].sort());
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

  // Sentences of the CVM manual, as long as a real section.
  const manual = readFileSync(new URL('../../bench/search/manual-sentences.txt', import.meta.url), 'utf8').split('\n').slice(0, 40).join(' ');
  const wordStarts = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(manual)].flatMap((s) => [s.index, s.index + s.segment.length]));
  /** Where a crop's text sits in the manual, from its first and last plain characters. */
  function cropBounds(parts: Highlighted): [number, number] {
    const text = parts.filter((p) => p.text !== '…').map((p) => p.text).join('');
    const at = manual.indexOf(text);
    expect(at, text).toBeGreaterThanOrEqual(0);
    return [at, at + text.length];
  }

  it('cuts snippets of Thai text only where words start and end, never on a tone mark', () => {
    const needles = ['สถานประกอบการ', 'ครู', 'มาตรฐาน', 'ฝึกอบรม', 'ประเมิน', 'เครือข่าย', 'หลักสูตร', 'อาชีวศึกษา', 'ต้องการ', 'พัฒนา'];
    for (const needle of needles) {
      for (const length of [60, 100, 160, 240]) {
        const parts = snippet(manual, [needle], length);
        const [start, end] = cropBounds(parts);
        expect(wordStarts.has(start) || start === 0, `${needle}/${length} starts inside a word`).toBe(true);
        expect(wordStarts.has(end), `${needle}/${length} ends inside a word`).toBe(true);
        expect(manual[start]).not.toMatch(/[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/);
        expect(parts.some((p) => p.match && normalizeText(p.text).includes(needle))).toBe(true);
        expect(end - start).toBeLessThanOrEqual(length + 40);
      }
    }
  });

  it('crops the whole text Meilisearch highlights the same way', () => {
    const at = manual.indexOf('สถานประกอบการ', 2000);
    const formatted = `${manual.slice(0, at)}\u0001สถานประกอบการ\u0002${manual.slice(at + 'สถานประกอบการ'.length)}`;
    const parts = cropHighlighted(segments(formatted));
    const [start, end] = cropBounds(parts);
    expect(start).toBeLessThanOrEqual(at);
    expect(wordStarts.has(start) && wordStarts.has(end)).toBe(true);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.find((p) => p.match)?.text).toBe('สถานประกอบการ');
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
