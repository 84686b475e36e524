// Reading an uploaded CSV or XLSX sheet as rows of text cells keyed by the header row (row 1).
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export interface Sheet {
  header: string[];
  rows: Record<string, string>[];
}

/** More rows than a college or a CVM reports at once; a larger sheet is refused whole. */
export const maxSheetRows = 5000;

export class SheetUnreadable extends Error {}

/** The first worksheet (XLSX) or the CSV, every cell as trimmed text; blank rows are skipped. */
export async function readSheet(path: string, fileName: string): Promise<Sheet> {
  const lines: string[][] = [];
  if (fileName.toLowerCase().endsWith('.xlsx')) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(path);
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
