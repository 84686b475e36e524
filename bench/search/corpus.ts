// Generated search documents for the latency benchmark: phrases, keywords and field names of the demo content
// recombined, so the text has the demo's words (Thai compounds, English terms) in realistic proportions.
import { catalogDocuments, fieldNamesOf, readFields } from '../../search/documents.ts';
import type { SearchDocument } from '../../search/types.ts';
import { random } from '../../src/lib/seeded-random.ts';

export { random };

/**
 * Each generated document takes one demo document as its topic: most of its title, phrases, keywords and fields come
 * from that topic, a fifth of its phrases from anywhere. Words are then as concentrated as in a real catalog, where
 * ไฟฟ้ากำลัง appears in the electrical field's items, not in every item.
 */
export function generateDocuments(count: number, seed = 42): SearchDocument[] {
  const demo = catalogDocuments();
  const fields = readFields();
  const fieldNames = fieldNamesOf(fields);
  const phrasesOf = (d: SearchDocument) => `${d.summary ?? ''} ${d.body}`.split(/\s+/).filter((p) => p.length > 1);
  const topics = demo.map((d) => ({ doc: d, phrases: phrasesOf(d), titleWords: d.title.split(/\s+/) }));
  const allPhrases = topics.flatMap((t) => t.phrases);
  const levels = ['vc', 'hvc', 'btech', 'short-course', 'teacher-development'];
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));

  return Array.from({ length: count }, (_, i) => {
    const topic = pick(topics);
    const phrases = (n: number) => Array.from({ length: n }, () => (next() < 0.8 ? pick(topic.phrases) : pick(allPhrases)));
    const docFields = next() < 0.7 ? topic.doc.fields : [pick(fields).slug];
    const keywords = topic.doc.keywords.length ? [...new Set(Array.from({ length: between(1, 4) }, () => pick(topic.doc.keywords)))] : [];
    return {
      id: `generated/${i}`,
      type: next() < 0.7 ? topic.doc.type : pick(topics).doc.type,
      title: `${Array.from({ length: between(2, 4) }, () => pick(topic.titleWords)).join(' ')} ${i}`,
      titleEn: next() < 0.5 ? undefined : `${topic.doc.titleEn ?? 'Item'} ${i}`,
      summary: phrases(between(3, 6)).join(' '),
      body: phrases(between(10, 25)).join(' '),
      keywords,
      people: [],
      fields: docFields,
      fieldNames: docFields.flatMap((slug) => fieldNames.get(slug) ?? []),
      levels: [...new Set(Array.from({ length: between(0, 2) }, () => pick(levels)))],
      lang: next() < 0.9 ? 'th' : 'en',
      year: 2560 + Math.floor(next() * 10),
      published: new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 2000) * 86_400_000).toISOString().slice(0, 10),
    };
  });
}
