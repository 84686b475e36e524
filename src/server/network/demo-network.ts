// Demo CVM network for a new database outside production, generated with a fixed seed so every fresh start shows
// the same pictures: network colleges named after real districts, establishments, three fiscal years of demand
// and supply across all fields, and some agreements.
import { getDistricts } from 'thai-address-universal';
import type { Db } from '../../../db/connection.ts';
import type { Field } from '../../lib/content/schemas/index.ts';
import { agreementStatuses, collegeGroups, establishmentSizes, manpowerLevels, type ManpowerLevel } from '../../lib/network/terms.ts';
import { random } from '../../lib/seeded-random.ts';
import { listProvinces } from './provinces.ts';

export const demoFiscalYears = [2568, 2569, 2570] as const;

export interface DemoNetworkSize {
  colleges: number;
  establishments: number;
  /** The PRNG's seed; the same seed makes the same network. */
  seed?: number;
  /** The fiscal years reported (the benchmark asks for ten). */
  fiscalYears?: readonly number[];
}

const collegeKinds = [
  { th: 'วิทยาลัยเทคนิค', en: 'Technical College', ownership: 'state' },
  { th: 'วิทยาลัยการอาชีพ', en: 'Industrial and Community Education College', ownership: 'state' },
  { th: 'วิทยาลัยอาชีวศึกษา', en: 'Vocational College', ownership: 'state' },
  { th: 'วิทยาลัยเกษตรและเทคโนโลยี', en: 'College of Agriculture and Technology', ownership: 'state' },
  { th: 'วิทยาลัยเทคโนโลยี', en: 'Technological College', ownership: 'private' },
  { th: 'วิทยาลัยบริหารธุรกิจและการท่องเที่ยว', en: 'Business Administration and Tourism College', ownership: 'private' },
] as const;

const companyWords = [
  ['สยาม', 'Siam'], ['ไทย', 'Thai'], ['รุ่งเรือง', 'Rungruang'], ['เจริญ', 'Charoen'], ['มั่นคง', 'Mankhong'],
  ['ศรีสุข', 'Srisuk'], ['ก้าวหน้า', 'Kaona'], ['อุตสาหกรรม', 'Industries'], ['เทคโนโลยี', 'Technology'],
  ['วิศวกรรม', 'Engineering'], ['ออโตเมชัน', 'Automation'], ['อิเล็กทริค', 'Electric'], ['ฟู้ดส์', 'Foods'],
  ['โฮเทล', 'Hotel'], ['โลจิสติกส์', 'Logistics'], ['พาร์ท', 'Parts'], ['แมชชีนเนอรี่', 'Machinery'], ['เมทัล', 'Metal'],
] as const;
const firstNames = ['สมชาย', 'สมหญิง', 'วิไล', 'ประเสริฐ', 'อรุณี', 'ชัยวัฒน์', 'นภา', 'ธนพล', 'กมลวรรณ', 'ปิยะ'];
const lastNames = ['ใจดี', 'ศรีสวัสดิ์', 'วงศ์ไทย', 'สุขสันต์', 'ทองคำ', 'บุญมา', 'แก้วมณี', 'พรหมวงศ์'];
const tsicCodes = ['10791', '22220', '25920', '26110', '27110', '28221', '29301', '33120', '35101', '41001', '43210', '45201', '49231', '52101', '55101', '56101', '62010', '85491', '86101', '01111'];
const competencies = ['ติดตั้งระบบ PLC', 'บำรุงรักษาเครื่องจักร', 'อ่านแบบงาน', 'ความปลอดภัยในการทำงาน', 'ภาษาอังกฤษเพื่อการสื่อสาร', 'บริการลูกค้า', 'ควบคุมคุณภาพ', 'เขียนโปรแกรม'];

/** Whether the demo network exists already (it is made once, on a database without establishments). */
function hasEstablishments(db: Db): boolean {
  return db.$client.prepare('select exists(select 1 from establishments)').pluck().get() === 1;
}

/**
 * Generate the demo network in one transaction; returns what it made, or null when the database has establishments
 * already. Host colleges must be synced first (they are given supply too).
 */
export async function seedDemoNetwork(db: Db, fields: readonly Field[], size: DemoNetworkSize = { colleges: 300, establishments: 2000 }) {
  if (hasEstablishments(db)) return null;
  const next = random(size.seed ?? 2569);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const provinces = listProvinces(db);
  // Establishments cluster where industry is: Bangkok, its neighbours and the Eastern Seaboard weigh more.
  const busy = new Set(['10', '11', '12', '13', '20', '21', '24', '74']);
  const weightedProvinces = provinces.flatMap((p) => (busy.has(p.code) ? [p, p, p, p, p, p] : [p]));
  const districts = new Map<string, { nameTh: string; nameEn: string }[]>();
  for (const p of provinces) districts.set(p.code, await getDistricts(p.code));
  const slugs = fields.map((f) => f.slug);
  const years = size.fiscalYears ?? demoFiscalYears;
  const [firstYear, lastYear] = [years[0]!, years.at(-1)!];

  const sql = db.$client;
  return db.transaction(() => {
    const insertCollege = sql.prepare('insert or ignore into colleges (name_th, name_en, province_code, ownership) values (?, ?, ?, ?)');
    const insertCollegeField = sql.prepare('insert or ignore into college_fields (college_id, field_slug, "group") values (?, ?, ?)');
    let made = 0;
    while (made < size.colleges) {
      const province = pick(provinces);
      const district = pick(districts.get(province.code)!);
      const kind = pick(collegeKinds);
      const place = district.nameTh.replace(/^เมือง/, '') || province.nameTh;
      const result = insertCollege.run(`${kind.th}${place}`, `${district.nameEn.replace(/^Mueang /, '')} ${kind.en}`, province.code, kind.ownership);
      if (result.changes === 0) continue;
      made += 1;
      const id = Number(result.lastInsertRowid);
      for (let i = between(2, 6); i > 0; i--) insertCollegeField.run(id, pick(slugs), pick(collegeGroups.slice(1)));
    }

    const insertEstablishment = sql.prepare(
      `insert into establishments (name_th, name_en, registration_no, tsic, province_code, size, contact_name, contact_email, contact_phone)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertEstablishmentField = sql.prepare('insert or ignore into establishment_fields (establishment_id, field_slug) values (?, ?)');
    const insertDemand = sql.prepare(
      `insert or ignore into demand_rows (establishment_id, field_slug, level, fiscal_year, province_code, status, positions, competencies)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const demandLevels: ManpowerLevel[] = ['vc', 'hvc', 'hvc', 'hvc', 'btech', 'short'];
    for (let n = 1; n <= size.establishments; n++) {
      const [w1, e1] = pick(companyWords);
      const [w2, e2] = pick(companyWords);
      const province = pick(weightedProvinces);
      const person = `${pick(firstNames)} ${pick(lastNames)}`;
      const id = Number(
        insertEstablishment.run(
          `บริษัท ${w1}${w2} ${n} จำกัด`,
          `${e1} ${e2} ${n} Co., Ltd.`,
          String(105_500_000_000_0 + n * 7919).padStart(13, '0'),
          pick(tsicCodes),
          province.code,
          pick(establishmentSizes),
          person,
          `hr${n}@establishment.example`,
          `0${between(2, 9)}-${between(100, 999)}-${between(1000, 9999)}`,
        ).lastInsertRowid,
      );
      for (let i = between(1, 3); i > 0; i--) {
        const field = pick(slugs);
        insertEstablishmentField.run(id, field);
        const level = pick(demandLevels);
        const base = between(2, 20);
        for (const year of years) {
          const status = year === lastYear && next() < 0.1 ? 'reported' : 'approved';
          insertDemand.run(id, field, level, year, province.code, status, base + between(0, 4) * (year - firstYear), pick(competencies));
        }
      }
    }

    const collegeRows = sql
      .prepare('select cf.college_id as id, cf.field_slug as field, c.province_code as province from college_fields cf join colleges c on c.id = cf.college_id')
      .all() as { id: number; field: string; province: string }[];
    const insertSupply = sql.prepare(
      `insert or ignore into supply_rows (college_id, field_slug, level, fiscal_year, province_code, status, enrolled, graduates)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let supply = 0;
    for (const row of collegeRows) {
      for (const level of manpowerLevels.slice(0, next() < 0.2 ? 3 : 2)) {
        const enrolled = between(5, 25);
        for (const year of years) {
          const status = year === lastYear && next() < 0.1 ? 'reported' : 'approved';
          const graduates = Math.min(enrolled, Math.round(enrolled * (0.6 + next() * 0.3)) + (year - firstYear));
          supply += insertSupply.run(row.id, row.field, level, year, row.province, status, enrolled, graduates).changes;
        }
      }
    }

    // Agreements: a fifth of the establishments tie with a college teaching one of their fields, nearby when one is.
    const byField = new Map<string, { id: number; province: string }[]>();
    for (const row of collegeRows) (byField.get(row.field) ?? byField.set(row.field, []).get(row.field)!).push(row);
    const candidates = sql
      .prepare('select ef.establishment_id as id, ef.field_slug as field, e.province_code as province from establishment_fields ef join establishments e on e.id = ef.establishment_id')
      .all() as { id: number; field: string; province: string }[];
    const insertAgreement = sql.prepare(
      `insert into agreements (establishment_id, college_id, field_slug, status, starts_on, ends_on, scope) values (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPlaces = sql.prepare('insert or ignore into training_places (agreement_id, level, fiscal_year, places) values (?, ?, ?, ?)');
    let agreements = 0;
    for (const candidate of candidates) {
      if (next() >= 0.2) continue;
      const teaching = byField.get(candidate.field) ?? [];
      if (teaching.length === 0) continue;
      const near = teaching.filter((c) => c.province === candidate.province);
      const college = pick(near.length ? near : teaching);
      const status = pick(agreementStatuses);
      const startYear = between(2023, 2026);
      const id = Number(
        insertAgreement.run(candidate.id, college.id, candidate.field, status, `${startYear}-0${between(1, 9)}-15`, `${startYear + 3}-09-30`, 'ฝึกประสบการณ์และการจัดการเรียนการสอนระบบทวิภาคี').lastInsertRowid,
      );
      agreements += 1;
      if (status === 'dual' || status === 'moa') insertPlaces.run(id, 'hvc', lastYear, between(2, 15));
    }
    const demand = sql.prepare('select count(*) from demand_rows').pluck().get() as number;
    return { colleges: made, establishments: size.establishments, demand, supply, agreements };
  });
}
