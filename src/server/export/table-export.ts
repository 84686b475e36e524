// Every table a page shows can be downloaded as CSV or XLSX with the page's filters: one writer for all of them.
import ExcelJS from 'exceljs';
import { neutralizeCell, toCsv, type ExportColumn } from '../../lib/export/csv.ts';
import { contentDisposition, contentTypeFor } from '../../lib/catalog/http-download.ts';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return exportFormats.includes(value as ExportFormat);
}

export async function toXlsx<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => neutralizeCell(c.value(row))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The download of a table: `name` (Thai allowed) and an ASCII `fallbackName`, both without extension. */
export async function exportResponse<Row>(
  format: ExportFormat,
  names: { name: string; fallbackName: string },
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
): Promise<Response> {
  const body = format === 'csv' ? Buffer.from(toCsv(columns, rows), 'utf8') : await toXlsx(columns, rows, names.fallbackName);
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : contentTypeFor('x.xlsx');
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': type,
      'Content-Disposition': contentDisposition(`${names.name}.${format}`, `${names.fallbackName}.${format}`),
      'Cache-Control': 'private, no-store',
    },
  });
}
