// Tables as CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Thai), and no cell a spreadsheet would run as a
// formula (OWASP CSV injection).

export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/** A text cell that a spreadsheet would take as a formula (= + - @, tab, carriage return) gets a leading quote. */
export function neutralizeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const quoted = (cell: string | number) => {
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => quoted(neutralizeCell(c.header)))];
  for (const row of rows) lines.push(columns.map((c) => quoted(neutralizeCell(c.value(row)))));
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
