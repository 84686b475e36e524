// Demo learning materials: every curated attachment under files/demo/ is a real PDF written at seed time,
// in Thai with Sarabun, from the entry's own title and text, so downloads work on a fresh clone.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { itemAttachments, type CatalogItem } from '../../lib/content/types.ts';
import { readContentItems } from '../catalog/sources.ts';
import { writeThaiPdf } from './thai-pdf.ts';

const demoPrefix = 'files/demo/';

function metaLines(item: CatalogItem): string[] {
  switch (item.type) {
    case 'ebooks':
      return [`ผู้แต่ง: ${item.data.authors.join(', ')}`, `${item.data.publisher} · พ.ศ. ${item.data.year}`, `สัญญาอนุญาต: ${item.data.licence}`];
    case 'curricula':
      return [`รหัสหลักสูตร ${item.data.code} · หลักสูตรปี ${item.data.year}`, ...item.data.units.map((u) => `${u.code} ${u.nameTh}`)];
    case 'research':
      return [`ผู้วิจัย: ${item.data.authors.join(', ')}`, `${item.data.institution} · พ.ศ. ${item.data.year}`];
    default:
      return [];
  }
}

/** Write the missing demo PDFs under `contentDir`; returns how many were written. */
export async function ensureDemoFiles(contentDir: string): Promise<number> {
  let written = 0;
  for (const item of readContentItems(contentDir)) {
    for (const file of itemAttachments(item).filter((a) => a.path.startsWith(demoPrefix) && a.path.endsWith('.pdf'))) {
      const path = resolve(contentDir, item.type, file.path);
      if (existsSync(path)) continue;
      const subtitle = 'titleEn' in item.data ? item.data.titleEn : 'nameEn' in item.data ? item.data.nameEn : undefined;
      await writeThaiPdf(path, { title: file.label, subtitle, meta: metaLines(item), body: item.body.split(/\n{2,}/) });
      written++;
    }
  }
  return written;
}
