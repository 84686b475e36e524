// Reading an uploaded CSV or XLSX sheet as rows of text cells keyed by the header row (row 1). An XLSX is a ZIP the
// server unpacks, so it is checked first: safe names, no links, a bounded size unpacked, every part inflated no further
// than it declares; and a sheet must hold values, not formulas or links to other workbooks (a formula's cached result is
// whatever the file says, not what the reporter saw).
import { readFile, stat } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { archiveIsSafe } from '../catalog/archive-check.ts';
import { readZipEntries, readZipEntry } from '../h5p/zip-reader.ts';

export interface Sheet {
  header: string[];
  rows: Record<string, string>[];
}

/** More rows than a college or a CVM reports at once; a larger sheet is refused whole. */
export const maxSheetRows = 5000;
/** A sheet of maxSheetRows rows is well under a megabyte; anything far larger is not a report. */
export const maxSheetBytes = 16 * 1024 ** 2;
const xlsxLimits = { maxEntries: 1000, maxUncompressedBytes: 32 * 1024 ** 2, ratioFloorBytes: 4 * 1024 ** 2, maxRatio: 100 };

/** Why a sheet was not read: each has a message `network.sheet.<problem>`. */
export type SheetProblem = 'unreadable' | 'tooLarge' | 'unsafe' | 'formulas' | 'links';

export class SheetUnreadable extends Error {
  constructor(
    message: string,
    readonly problem: SheetProblem = 'unreadable',
  ) {
    super(message);
  }
}

/** The workbook's bytes once every check above has passed. */
function checkedWorkbook(zip: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  let entries;
  try {
    entries = readZipEntries(zip);
  } catch {
    throw new SheetUnreadable('not a readable XLSX workbook');
  }
  if (!archiveIsSafe(entries, zip.length, xlsxLimits) || entries.some((e) => e.encrypted || (e.method !== 0 && e.method !== 8))) {
    throw new SheetUnreadable('an unsafe archive', 'unsafe');
  }
  for (const entry of entries) {
    if (entry.isDirectory) continue;
    if (/^xl\/externalLinks\//i.test(entry.name)) throw new SheetUnreadable('links to other workbooks', 'links');
    let data: Buffer;
    try {
      data = readZipEntry(zip, entry);
    } catch {
      throw new SheetUnreadable('a damaged or lying archive', 'unsafe');
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name) && /<(?:[A-Za-z_][\w.-]*:)?f[\s>/]/.test(data.toString('utf8'))) {
      throw new SheetUnreadable('formulas', 'formulas');
    }
  }
  return zip;
}

export async function readSheet(path: string, fileName: string): Promise<Sheet> {
  const lines: string[][] = [];
  if ((await stat(path)).size > maxSheetBytes) throw new SheetUnreadable('too large', 'tooLarge');
  if (fileName.toLowerCase().endsWith('.xlsx')) {
    const workbook = new ExcelJS.Workbook();
    const zip = checkedWorkbook(await readFile(path));
    try {
      // ExcelJS types its parameter as its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads.
      await workbook.xlsx.load(zip as unknown as ArrayBuffer);
    } catch {
      throw new SheetUnreadable('not a readable XLSX workbook');
    }
    const sheet = workbook.worksheets[0];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text.trim());
      lines.push(cells);
    });
  } else {
    let text = await readFile(path, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    try {
      lines.push(...(parseCsv(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][]));
    } catch {
      throw new SheetUnreadable('not a readable CSV file');
    }
  }
  const [header = [], ...body] = lines;
  if (body.length > maxSheetRows) throw new SheetUnreadable(`more than ${maxSheetRows} rows`);
  const names = header.map((h) => h.trim().toLowerCase());
  // Rows as maps with no prototype, so a header such as __proto__ is just an (unknown) column.
  const rows = body.map((cells) => {
    const row = Object.create(null) as Record<string, string>;
    names.forEach((name, i) => (row[name] = cells[i] ?? ''));
    return row;
  });
  return { header: names, rows };
}
