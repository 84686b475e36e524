import { fieldLabel } from '../../lib/fields/label.ts';
import { listFields } from './fields.ts';

let names: Promise<Map<string, { th: string; en: string }>> | undefined;

/** Thai and English names of every field by slug, for labelling items; built once. */
export function fieldNameMap(): Promise<Map<string, { th: string; en: string }>> {
  names ??= listFields().then((fields) => new Map(fields.map((f) => [f.slug, { th: fieldLabel(f, 'th'), en: fieldLabel(f, 'en') }])));
  return names;
}
