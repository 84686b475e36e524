// How a field is named wherever one is listed: its name, with the specialization (สาขางาน) in brackets when it has one.
import type { Field } from '../content/schemas/index.ts';

export function fieldLabel(field: Field, lang: 'th' | 'en'): string {
  const [name, specialization] = lang === 'en' ? [field.nameEn, field.specializationEn] : [field.nameTh, field.specializationTh];
  return specialization ? `${name} (${specialization})` : name;
}
