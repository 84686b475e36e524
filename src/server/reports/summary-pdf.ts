// The printable A4 summary of a field's fiscal year, in Thai (Sarabun, drawn by the same renderer as certificates):
// training by audience, teacher training, runs against the minimum, indicators against targets, and the staff's
// policy recommendations (§7.2).
import type { Field } from '../../lib/content/schemas/index.ts';
import { formatDate } from '../../i18n/index.ts';
import { contentDisposition } from '../../lib/catalog/http-download.ts';
import type { Db } from '../../../db/connection.ts';
import { renderThaiPdf } from '../demo/thai-pdf.ts';
import { indicatorReport, summaryOf } from './indicators.ts';
import { completionRate, runsMeetingMinimum, teacherTrainingByField, trainingByAudience, trainingTotals } from './training.ts';

const audienceTh = { teachers: 'ครู', students: 'นักเรียน นักศึกษา', public: 'ประชาชนทั่วไป' } as const;
const statusTh = { met: 'ถึงเป้าหมาย', 'not-met': 'ยังไม่ถึงเป้าหมาย', 'no-target': 'ยังไม่กำหนดเป้าหมาย', 'no-value': 'ยังไม่บันทึกผล' } as const;
const n = (value: number | null) => (value === null ? '–' : value.toLocaleString('th-TH'));
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);

export function summaryPdf(db: Db, field: Field, year: number, now = new Date()): Promise<Buffer> {
  const filter = { year, field: field.slug };
  const totals = trainingTotals(db, filter);
  const teacher = teacherTrainingByField(db, filter)[0] ?? { courses: 0, runs: 0, teachersCompleted: 0 };
  const minimum = runsMeetingMinimum(db, filter)[0] ?? { runs: 0, met: 0 };
  const indicators = indicatorReport(db, field.slug, year);
  const recommendations = summaryOf(db, field.slug, year).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return renderThaiPdf({
    title: `รายงานสรุปผลการดำเนินงาน ปีงบประมาณ ${year}`,
    subtitle: 'คลังปัญญาอาชีวศึกษา ศูนย์บริหารเครือข่ายการผลิตและพัฒนากำลังคนอาชีวศึกษา (CVM)',
    meta: [`สาขาวิชา ${field.nameTh}`, `สถานศึกษาแม่ข่าย ${field.hostCollegeTh}`, `จัดทำเมื่อ ${formatDate(now, 'th')}`],
    body: [
      '# ผลการอบรมหลักสูตรระยะสั้น',
      `ผู้ลงทะเบียน ${n(totals.enrolled)} คน ผ่านการอบรม ${n(totals.completed)} คน (ร้อยละ ${percent(completionRate(totals))}) ออกวุฒิบัตร ${n(totals.certified)} ฉบับ คะแนนเฉลี่ย ${percent(totals.score)}`,
      ...trainingByAudience(db, filter).map((a) => `- ${audienceTh[a.audience]}: ลงทะเบียน ${n(a.enrolled)} คน ผ่าน ${n(a.completed)} คน วุฒิบัตร ${n(a.certified)} ฉบับ`),
      `- รุ่นการอบรม ${n(minimum.runs)} รุ่น มีผู้เข้าอบรมถึงขั้นต่ำ ${n(minimum.met)} รุ่น`,
      `- หลักสูตรพัฒนาครู ${n(teacher.courses)} หลักสูตร (เป้าหมายอย่างน้อย 1) ครูผ่านการพัฒนา ${n(teacher.teachersCompleted)} คน`,
      '# ตัวชี้วัดเทียบค่าเป้าหมาย',
      ...(indicators.length ? indicators.map((l) => `- ${l.indicator.nameTh}: ผล ${n(l.actual)} เป้าหมาย ${n(l.target)} ${l.indicator.unit} (${statusTh[l.status]})`) : ['ยังไม่มีตัวชี้วัด']),
      '# ข้อเสนอแนะเชิงนโยบาย',
      ...(recommendations.length ? recommendations : ['ยังไม่มีข้อเสนอแนะ']),
    ],
  });
}

export async function summaryPdfResponse(db: Db, field: Field, year: number): Promise<Response> {
  const pdf = await summaryPdf(db, field, year);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition(`รายงานสรุป-${field.slug}-${year}.pdf`, `summary-${field.slug}-${year}.pdf`),
      'Cache-Control': 'private, no-store',
    },
  });
}
