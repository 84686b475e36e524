// The XLSX writer every export uses, read back with ExcelJS (what the import side uses): Thai text, numbers, empty
// cells, characters XML must escape or cannot carry, neutralized formulas, a bold header and columns past Z.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/server/export/table-export.ts';

describe('toXlsx', () => {
  it('writes a sheet that reads back cell for cell', async () => {
    type Row = { name: string; count: number | null; note: string };
    const columns = [
      { header: 'ชื่อ / Name', value: (r: Row) => r.name },
      { header: 'จำนวน / Count', value: (r: Row) => r.count },
      { header: 'หมายเหตุ / Note', value: (r: Row) => r.note },
      ...Array.from({ length: 25 }, (_, i) => ({ header: `c${i}`, value: () => i })),
    ];
    const rows: Row[] = [
      { name: 'วิทยาลัยเทคนิค <หนึ่ง> & "สอง"', count: 12.5, note: '=HYPERLINK("http://evil.example")' },
      { name: 'ข\u0001้อ\uD800ความ 😀', count: null, note: '@SUM(A1)' },
    ];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(toXlsx(columns, rows, 'report:[2569]') as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('report--2569-');
    expect(sheet.getRow(1).getCell(1).value).toBe('ชื่อ / Name');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).getCell(28).value).toBe('c24');
    expect(sheet.getRow(2).values).toEqual([undefined, 'วิทยาลัยเทคนิค <หนึ่ง> & "สอง"', 12.5, `'=HYPERLINK("http://evil.example")`, ...Array.from({ length: 25 }, (_, i) => i)]);
    expect([sheet.getRow(3).getCell(1).value, sheet.getRow(3).getCell(2).value, sheet.getRow(3).getCell(3).value]).toEqual(['ข้อความ 😀', null, "'@SUM(A1)"]);
    expect(sheet.rowCount).toBe(3);
  });
});
