// Generated catalog items for the benchmarks: each a demo item of content/ copied under a new slug and title, spread
// over the 101 fields, years, levels and languages, with a body of realistic length (a few KB of Thai text).
import type { ContentType } from '../../src/lib/content/types.ts';
import type { ItemToSave } from '../../src/server/catalog/store.ts';
import { readContentItems, readFields } from '../../src/server/catalog/sources.ts';

const words = ['ระบบ', 'ควบคุม', 'ไฟฟ้า', 'เครื่องกล', 'การโรงแรม', 'โลจิสติกส์', 'ยานยนต์', 'อัตโนมัติ', 'เทคโนโลยี', 'ซ่อมบำรุง', 'ความปลอดภัย', 'พลังงาน', 'ดิจิทัล', 'เกษตร', 'อาหาร', 'ท่องเที่ยว'];

/** A deterministic pseudo-random sequence, so every run measures the same catalog. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** `count` items copied from the demo items (of `types` only, when given). */
export function generateItems(count: number, contentDir: string, options: { seed?: number; types?: ContentType[] } = {}): ItemToSave[] {
  const templates = readContentItems(contentDir).filter((item) => !options.types || options.types.includes(item.type));
  const fields = readFields(contentDir).map((f) => f.slug);
  const next = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length]!;
    const title = `${pick(words)}${pick(words)} ${pick(words)} เล่มที่ ${i}`;
    const itemFields = [fields[i % fields.length]!, ...(next() < 0.3 ? [pick(fields)] : [])];
    const published = new Date(Date.UTC(2020 + Math.floor(next() * 7), Math.floor(next() * 12), 1 + Math.floor(next() * 28)));
    const data: Record<string, unknown> = { ...template.data, fields: [...new Set(itemFields)], published: published.toISOString().slice(0, 10) };
    if ('titleTh' in data) data.titleTh = title;
    if ('nameTh' in data) data.nameTh = title;
    if ('year' in data) data.year = 2560 + Math.floor(next() * 10);
    if ('language' in data) data.language = next() < 0.9 ? 'th' : 'en';
    if ('levels' in data) data.levels = [pick(['vc', 'hvc', 'btech'] as const)];
    const body = Array.from({ length: 3 }, () => `${template.body.slice(0, 400)} ${pick(words)}`).join('\n\n');
    return { type: template.type, slug: `generated-${i}`, data, body };
  });
}
