import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeThaiPdf } from '../../src/server/demo/thai-pdf.ts';
import { tempDir } from '../helpers/server.ts';

const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const paragraph =
  'การจัดการเรียนการสอนอาชีวศึกษาระบบทวิภาคีเป็นความร่วมมือระหว่างสถานศึกษากับสถานประกอบการ ' +
  'ผู้เรียนได้ฝึกปฏิบัติงานจริงไม่น้อยกว่าร้อยละ 50 ของเวลาเรียน (พ.ศ. 2566) ทำให้มีสมรรถนะตรงกับความต้องการของตลาดแรงงาน';

const handbook = {
  title: 'คู่มือการจัดการเรียนรู้ระบบทวิภาคี',
  subtitle: 'Dual Vocational Education Handbook',
  meta: ['ผู้เขียน: ครูสมชาย ใจดี', 'สัญญาอนุญาต CC BY 4.0'],
  body: ['# บทที่ 1 ความรู้เบื้องต้น', ...Array<string>(12).fill(paragraph), '- น้ำท่วมใหญ่ ปู่ย่าตายาย'],
};

async function writeHandbook(): Promise<{ dir: string; file: string; bytes: Buffer }> {
  const dir = tempDir('ic-thai-pdf-');
  dirs.push(dir);
  const file = join(dir.path, 'nested', 'handbook.pdf');
  await writeThaiPdf(file, handbook);
  return { dir: join(dir.path, 'nested'), file, bytes: readFileSync(file) };
}


describe('writeThaiPdf', () => {
  it('writes a multi-page PDF with Sarabun embedded, creating the folder and leaving no temporary file', async () => {
    const { dir, bytes } = await writeHandbook();
    const raw = bytes.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('Sarabun');
    const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(raw)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(readdirSync(dir)).toEqual(['handbook.pdf']);
  });

  it('lets two writers of the same file finish at once (two servers preparing one fresh checkout), one whole PDF left', async () => {
    const dir = tempDir('ic-thai-pdf-');
    dirs.push(dir);
    const file = join(dir.path, 'same.pdf');
    await Promise.all([writeThaiPdf(file, handbook), writeThaiPdf(file, handbook), writeThaiPdf(file, handbook)]);
    expect(readFileSync(file).toString('latin1')).toMatch(/^%PDF-[\s\S]*%%EOF\s*$/);
    expect(readdirSync(dir.path)).toEqual(['same.pdf']);
  });

  it('gives back the Thai text, ำ included, when extracted', async () => {
    const { file } = await writeHandbook();
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    expect(squeeze(text)).toContain(squeeze(paragraph));
    expect(text).toContain(handbook.title);
    expect(text).toContain('• น้ำท่วมใหญ่ ปู่ย่าตายาย');
    expect(text).toMatch(/หน้า 1 \/ \d+/);
  });
});
