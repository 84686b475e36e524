// Batch import of a spreadsheet (CSV) or JSON list into the catalog, the way a center moves existing records in.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Db } from '../../../db/connection.ts';
import { validateRows, type RowProblem } from '../../lib/catalog/import-rows.ts';
import type { CatalogItem, ContentType } from '../../lib/content/types.ts';
import { readFields } from './sources.ts';
import { saveItems } from './store.ts';

export interface ImportReport {
  valid: number;
  imported: number;
  problems: RowProblem[];
  /** The items stored, as the catalog lists them (none on a dry run). */
  items: CatalogItem[];
}

function readRows(path: string): { rows: Record<string, unknown>[]; firstRowNumber: number } {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (extname(path).toLowerCase() === '.json') {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new Error('a JSON import file must hold a list of items');
    return { rows: parsed as Record<string, unknown>[], firstRowNumber: 1 };
  }
  // Row 1 is the header, so the first item is row 2, as the spreadsheet numbers it.
  return { rows: parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true }), firstRowNumber: 2 };
}

export function knownFieldSlugs(contentDir: string): Set<string> {
  return new Set(readFields(contentDir).map((f) => f.slug));
}

/** Validate every row, store the good ones (one transaction) unless `dryRun`, and report every bad one. */
export function importFile(db: Db, type: ContentType, path: string, options: { contentDir: string; dryRun?: boolean }): ImportReport {
  const { rows, firstRowNumber } = readRows(path);
  const { valid, problems } = validateRows(type, rows, knownFieldSlugs(options.contentDir), firstRowNumber);
  const items = options.dryRun ? [] : saveItems(db, valid.map((v) => ({ type, slug: v.slug, data: v.data, body: v.body })));
  return { valid: valid.length, imported: options.dryRun ? 0 : valid.length, problems, items };
}
