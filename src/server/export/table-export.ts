// Every table a page shows can be downloaded as CSV or XLSX with the page's filters: one writer for all of them.
import { strToU8, zipSync } from 'fflate';
import { neutralizeCell, toCsv, type ExportColumn } from '../../lib/export/csv.ts';
import { contentDisposition, contentTypeFor } from '../../lib/catalog/http-download.ts';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return exportFormats.includes(value as ExportFormat);
}

/** Text as XML character data: markup escaped, characters XML 1.0 cannot carry (control characters, lone surrogates) dropped. */
const xmlText = (text: string) =>
  text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** A spreadsheet column's letters: 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
const styles = `<styleSheet xmlns="${main}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * One worksheet as an XLSX file (Office Open XML, text as inline strings, the header row bold), written directly: a
 * general workbook library took over a second for a table of a thousand rows on this machine. Cells are neutralized
 * as in CSV, so a copy pasted elsewhere is safe too; nothing is ever written as a formula.
 */
export function toXlsx<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[], sheetName: string): Buffer {
  const cell = (value: string | number, ref: string, style: string) => {
    if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
    const text = String(value);
    return text === '' ? '' : `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
  };
  const names = columns.map((_, i) => columnName(i));
  const lines = [`<row r="1">${columns.map((c, i) => cell(neutralizeCell(c.header), `${names[i]}1`, ' s="1"')).join('')}</row>`];
  rows.forEach((row, r) => lines.push(`<row r="${r + 2}">${columns.map((c, i) => cell(neutralizeCell(c.value(row)), `${names[i]}${r + 2}`, '')).join('')}</row>`));
  const name = xmlText(sheetName.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Sheet1');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
      ),
      '_rels/.rels': xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': xml(`<workbook xmlns="${main}" xmlns:r="${relationships}"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${relationships}/styles" Target="styles.xml"/></Relationships>`,
      ),
      'xl/styles.xml': xml(styles),
      'xl/worksheets/sheet1.xml': xml(`<worksheet xmlns="${main}"><sheetData>${lines.join('')}</sheetData></worksheet>`),
    }),
  );
}

/** The download of a table: `name` (Thai allowed) and an ASCII `fallbackName`, both without extension. */
export async function exportResponse<Row>(
  format: ExportFormat,
  names: { name: string; fallbackName: string },
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
): Promise<Response> {
  const body = format === 'csv' ? Buffer.from(toCsv(columns, rows), 'utf8') : toXlsx(columns, rows, names.fallbackName);
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : contentTypeFor('x.xlsx');
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': type,
      'Content-Disposition': contentDisposition(`${names.name}.${format}`, `${names.fallbackName}.${format}`),
      'Cache-Control': 'private, no-store',
    },
  });
}
