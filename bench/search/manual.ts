// Documents written like the CVM manual, and judged queries on them: one long section per field of excellence, the
// field's Thai name inside running text (สาขาวิชาเทคโนโลยีการต่อเรือ, no space), filled with the manual's own sentences
// (manual-sentences.txt, drawn from the Thai source manual). A query for a word inside a field name (เรือ, สิ่งทอ)
// must find the sections of the fields whose names hold it: whole names in Meilisearch's dictionary hide such words.
import { readFileSync } from 'node:fs';
import { fieldNamesOf, readFields } from '../../search/documents.ts';
import type { SearchDocument } from '../../search/types.ts';
import { random } from './corpus.ts';
import type { JudgedQuery } from './quality.ts';

/** Words inside field names, as a teacher would search for a field's subject. */
const fieldWords = [
  'เรือ', 'ท่องเที่ยว', 'สิ่งทอ', 'ปิโตรเลียม', 'พลาสติก', 'หุ่นยนต์', 'อากาศยาน', 'ยานยนต์', 'เซรามิก', 'เครื่องหนัง',
  'สัตว์น้ำ', 'ความงาม', 'แฟชั่น', 'ภูมิทัศน์', 'โทรคมนาคม', 'อัญมณี', 'ขนส่งทางราง', 'ซ่อมบำรุง', 'เครื่องกล', 'โลจิสติกส์',
  'ยาง', 'โลหะ', 'เฟอร์นิเจอร์', 'ผู้สูงอายุ', 'นิทรรศการ', 'ปรับอากาศ', 'เมคคาทรอนิกส์', 'แอนิเมชัน', 'เครื่องนุ่งห่ม', 'สถาปัตยกรรม',
];

const sentences = () =>
  readFileSync(new URL('./manual-sentences.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !fieldWords.some((w) => line.includes(w)));

/** One section per field: three paragraphs of the manual's sentences, each naming the field as the manual does. */
export function manualDocuments(seed = 7): SearchDocument[] {
  const pool = sentences();
  const names = fieldNamesOf(readFields());
  const next = random(seed);
  const pick = () => pool[Math.floor(next() * pool.length)]!;
  const paragraph = (lead: string) => `${lead} ${Array.from({ length: 6 + Math.floor(next() * 5) }, pick).join(' ')}`;
  return readFields().map((field, i) => {
    const name = `สาขาวิชา${field.nameTh}${field.specializationTh ? ` (สาขางาน${field.specializationTh})` : ''}`;
    return {
      id: `manual/${field.slug}`,
      type: 'manual',
      title: `แผนปฏิบัติการประจำปีของศูนย์บริหารเครือข่ายการผลิตและพัฒนากำลังคนอาชีวศึกษา ${field.hostCollegeTh}`,
      body: [
        paragraph(`ศูนย์บริหารเครือข่ายการผลิตและพัฒนากำลังคนอาชีวศึกษา${name} ${field.hostCollegeTh} ดำเนินการดังนี้`),
        paragraph(`ครูผู้สอนและนักเรียนนักศึกษา${name}ในสถานศึกษาเครือข่าย`),
        paragraph(`การติดตามและประเมินผล${name}`),
      ].join('\n'),
      keywords: [],
      people: [field.hostCollegeTh],
      fields: [field.slug],
      fieldNames: names.get(field.slug) ?? [],
      levels: i % 2 ? ['vc'] : ['hvc'],
      lang: 'th',
      year: field.fiscalYear,
      published: `${field.fiscalYear - 543}-10-01`,
    };
  });
}

/**
 * Each field word, judged: the relevant sections are those naming it, in their field's name or their college's (the
 * shipbuilding college's electronics section is about ships too). The filler sentences never hold these words.
 */
export function manualQueries(documents = manualDocuments()): JudgedQuery[] {
  return fieldWords.map((word, i) => {
    const relevant = documents.filter((d) => `${d.title} ${d.body}`.includes(word)).map((d) => d.id);
    if (relevant.length === 0) throw new Error(`manual query ${word}: no section names it`);
    return { id: `m${String(i + 1).padStart(2, '0')}`, q: word, relevant, tags: ['manual'] };
  });
}
