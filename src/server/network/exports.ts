// The network's tables as downloads, with the same filters as the page they come from. Headers name each column in
// Thai and English, since one file serves both.
import type { Db } from '../../../db/connection.ts';
import type { ExportColumn } from '../../lib/export/csv.ts';
import type { DirectoryQuery, ManpowerQuery } from '../../lib/network/query.ts';
import { exportResponse, type ExportFormat } from '../export/table-export.ts';
import { listAgreements, listEstablishments, type AgreementRow, type Contact, type DirectoryEntry } from './establishments.ts';
import { reportedYears, totalsByProvince, totalsByYear, type ProvinceTotal, type YearLevelTotal } from './manpower.ts';

/** Far more rows than any filtered table has; a download is one query, not pages. */
const exportLimit = 100_000;

export async function manpowerExport(db: Db, table: 'years' | 'provinces', query: ManpowerQuery, format: ExportFormat): Promise<Response> {
  const filter = { field: query.field, region: query.region, province: query.province, level: query.level };
  const suffix = query.field ?? 'all-fields';
  if (table === 'years') {
    const columns: ExportColumn<YearLevelTotal>[] = [
      { header: 'ปีงบประมาณ / Fiscal year', value: (r) => r.fiscalYear },
      { header: 'ระดับ / Level', value: (r) => r.level },
      { header: 'ความต้องการ (อัตรา) / Demand (positions)', value: (r) => r.demand },
      { header: 'ผู้สำเร็จการศึกษาที่คาด / Supply (expected graduates)', value: (r) => r.supply },
      { header: 'ส่วนต่าง / Gap (demand − supply)', value: (r) => r.demand - r.supply },
    ];
    return exportResponse(format, { name: `กำลังคน-รายปี-${suffix}`, fallbackName: `manpower-years-${suffix}` }, columns, totalsByYear(db, filter));
  }
  const year = query.year ?? reportedYears(db).at(-1) ?? 0;
  const columns: ExportColumn<ProvinceTotal>[] = [
    { header: 'รหัสจังหวัด / Province code', value: (r) => r.provinceCode },
    { header: 'จังหวัด / Province', value: (r) => r.nameTh },
    { header: 'Province (English)', value: (r) => r.nameEn },
    { header: 'ภาค / Region', value: (r) => r.region },
    { header: 'ความต้องการ (อัตรา) / Demand (positions)', value: (r) => r.demand },
    { header: 'ผู้สำเร็จการศึกษาที่คาด / Supply (expected graduates)', value: (r) => r.supply },
    { header: 'ส่วนต่าง / Gap (demand − supply)', value: (r) => r.demand - r.supply },
  ];
  return exportResponse(format, { name: `กำลังคน-รายจังหวัด-${year}-${suffix}`, fallbackName: `manpower-provinces-${year}-${suffix}` }, columns, totalsByProvince(db, filter, year));
}

/** The establishment directory; contact columns only for staff and admins (`withContacts`). */
export async function establishmentsExport(db: Db, query: DirectoryQuery, format: ExportFormat, withContacts: boolean): Promise<Response> {
  const { entries } = listEstablishments(db, { ...query, page: 1, pageSize: exportLimit }, { withContacts });
  type Entry = DirectoryEntry & Partial<Contact>;
  const columns: ExportColumn<Entry>[] = [
    { header: 'รหัส / ID', value: (r) => r.id },
    { header: 'ชื่อสถานประกอบการ / Name (Thai)', value: (r) => r.nameTh },
    { header: 'Name (English)', value: (r) => r.nameEn },
    { header: 'TSIC', value: (r) => r.tsic },
    { header: 'จังหวัด / Province', value: (r) => r.provinceTh },
    { header: 'ขนาด / Size', value: (r) => r.size },
    { header: 'สาขาวิชา / Fields', value: (r) => r.fields.join('; ') },
    { header: 'สถานศึกษาคู่ความร่วมมือ / Partner colleges', value: (r) => r.partners },
  ];
  if (withContacts) {
    columns.push(
      { header: 'เลขทะเบียนนิติบุคคล / Registration no.', value: (r) => r.registrationNo },
      { header: 'ผู้ติดต่อ / Contact', value: (r) => r.contactName },
      { header: 'อีเมล / Email', value: (r) => r.contactEmail },
      { header: 'โทรศัพท์ / Phone', value: (r) => r.contactPhone },
    );
  }
  const scope = query.field ?? 'all';
  return exportResponse(format, { name: `สถานประกอบการ-${scope}`, fallbackName: `establishments-${scope}` }, columns, entries);
}

export async function agreementsExport(db: Db, fieldSlug: string, format: ExportFormat): Promise<Response> {
  const columns: ExportColumn<AgreementRow>[] = [
    { header: 'รหัส / ID', value: (r) => r.id },
    { header: 'สถานประกอบการ / Establishment', value: (r) => r.establishmentTh },
    { header: 'สถานศึกษา / College', value: (r) => r.collegeTh },
    { header: 'สถานะ / Status', value: (r) => r.status },
    { header: 'เริ่ม / Starts', value: (r) => r.startsOn },
    { header: 'สิ้นสุด / Ends', value: (r) => r.endsOn },
    { header: 'ขอบเขต / Scope', value: (r) => r.scope },
    { header: 'ที่ฝึกทวิภาคี / Dual-training places', value: (r) => r.places },
  ];
  return exportResponse(format, { name: `ข้อตกลง-${fieldSlug}`, fallbackName: `agreements-${fieldSlug}` }, columns, listAgreements(db, fieldSlug, undefined, exportLimit));
}
