import { fieldLabel } from '../../lib/fields/label.ts';
import { listFields } from './fields.ts';

/** Thai and English names of every field by slug, for labelling items. */
export async function fieldNameMap(): Promise<Map<string, { th: string; en: string }>> {
  return new Map((await listFields()).map((f) => [f.slug, { th: fieldLabel(f, 'th'), en: fieldLabel(f, 'en') }]));
}
