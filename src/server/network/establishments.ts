// Establishments: the public directory (no personal contacts), the staff's list of a field's establishments (with
// contacts), adding one, and its agreements with colleges.
import type { Db } from '../../../db/connection.ts';
import { partnerStatuses, type AgreementStatus, type EstablishmentSize } from '../../lib/network/terms.ts';

export interface DirectoryFilter {
  q?: string | undefined;
  field?: string | undefined;
  province?: string | undefined;
  /** Only establishments with no partner college (MOU, MOA or dual training) in `field` (or in any field). */
  withoutPartner?: boolean | undefined;
  page: number;
  pageSize: number;
}

export interface DirectoryEntry {
  id: number;
  nameTh: string;
  nameEn: string | null;
  tsic: string;
  provinceCode: string;
  provinceTh: string;
  provinceEn: string;
  size: EstablishmentSize;
  fields: string[];
  partners: number;
}

/** What only staff and admins see: the contact person. */
export interface Contact {
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  registrationNo: string | null;
}

const partnerList = partnerStatuses.map((s) => `'${s}'`).join(', ');
const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function directoryWhere(filter: DirectoryFilter): { where: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (filter.q) {
    parts.push(`(lower(e.name_th) like ? escape '\\' or lower(coalesce(e.name_en, '')) like ? escape '\\')`);
    params.push(likeEscaped(filter.q.toLowerCase()), likeEscaped(filter.q.toLowerCase()));
  }
  if (filter.field) (parts.push('e.id in (select establishment_id from establishment_fields where field_slug = ?)'), params.push(filter.field));
  if (filter.province) (parts.push('e.province_code = ?'), params.push(filter.province));
  if (filter.withoutPartner) {
    parts.push(`not exists (select 1 from agreements a where a.establishment_id = e.id and a.status in (${partnerList})${filter.field ? ' and a.field_slug = ?' : ''})`);
    if (filter.field) params.push(filter.field);
  }
  return { where: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

/** One page of establishments; contacts only when asked (the caller has checked the person may see them). */
export function listEstablishments(db: Db, filter: DirectoryFilter, options: { withContacts: boolean }): { entries: (DirectoryEntry & Partial<Contact>)[]; total: number } {
  const { where, params } = directoryWhere(filter);
  const contacts = options.withContacts ? ', e.contact_name as contactName, e.contact_email as contactEmail, e.contact_phone as contactPhone, e.registration_no as registrationNo' : '';
  const rows = db.$client
    .prepare(
      `select e.id, e.name_th as nameTh, e.name_en as nameEn, e.tsic, e.province_code as provinceCode, p.name_th as provinceTh,
              p.name_en as provinceEn, e.size${contacts},
              (select group_concat(field_slug, ' ') from establishment_fields f where f.establishment_id = e.id) as fieldList,
              (select count(*) from agreements a where a.establishment_id = e.id and a.status in (${partnerList})) as partners
       from establishments e join provinces p on p.code = e.province_code ${where}
       order by e.name_th, e.id limit ? offset ?`,
    )
    .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as (Omit<DirectoryEntry, 'fields'> & Partial<Contact> & { fieldList: string | null })[];
  const total = db.$client.prepare(`select count(*) from establishments e ${where}`).pluck().get(...params) as number;
  return { entries: rows.map(({ fieldList, ...row }) => ({ ...row, fields: fieldList ? fieldList.split(' ') : [] })), total };
}

export interface NewEstablishment {
  nameTh: string;
  nameEn: string | null;
  registrationNo?: string | undefined;
  tsic: string;
  provinceCode: string;
  size: EstablishmentSize;
  fields: readonly string[];
  contactName: string | null;
  contactEmail?: string | undefined;
  contactPhone?: string | undefined;
}

export function isDuplicateRegistration(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Add an establishment and its fields in one transaction; a registration number already used throws (see above). */
export function createEstablishment(db: Db, input: NewEstablishment): number {
  const sql = db.$client;
  return sql.transaction(() => {
    const id = Number(
      sql
        .prepare(
          `insert into establishments (name_th, name_en, registration_no, tsic, province_code, size, contact_name, contact_email, contact_phone)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.nameTh, input.nameEn, input.registrationNo ?? null, input.tsic, input.provinceCode, input.size, input.contactName, input.contactEmail ?? null, input.contactPhone ?? null).lastInsertRowid,
    );
    const addField = sql.prepare('insert or ignore into establishment_fields (establishment_id, field_slug) values (?, ?)');
    for (const field of input.fields) addField.run(id, field);
    return id;
  })();
}

export interface AgreementRow {
  id: number;
  establishmentId: number;
  establishmentTh: string;
  collegeId: number;
  collegeTh: string;
  status: AgreementStatus;
  startsOn: string | null;
  endsOn: string | null;
  scope: string | null;
  file: string | null;
  fileName: string | null;
  places: number | null;
}

/** A field's agreements, newest first, optionally of one status. */
export function listAgreements(db: Db, fieldSlug: string, status?: AgreementStatus, limit = 500): AgreementRow[] {
  return db.$client
    .prepare(
      `select a.id, a.establishment_id as establishmentId, e.name_th as establishmentTh, a.college_id as collegeId, c.name_th as collegeTh,
              a.status, a.starts_on as startsOn, a.ends_on as endsOn, a.scope, a.file, a.file_name as fileName,
              (select sum(places) from training_places t where t.agreement_id = a.id) as places
       from agreements a join establishments e on e.id = a.establishment_id join colleges c on c.id = a.college_id
       where a.field_slug = ? ${status ? 'and a.status = ?' : ''} order by a.id desc limit ?`,
    )
    .all(...(status ? [fieldSlug, status, limit] : [fieldSlug, limit])) as AgreementRow[];
}

export function findAgreement(db: Db, id: number): (AgreementRow & { fieldSlug: string }) | undefined {
  return db.$client
    .prepare(
      `select a.id, a.field_slug as fieldSlug, a.establishment_id as establishmentId, e.name_th as establishmentTh, a.college_id as collegeId,
              c.name_th as collegeTh, a.status, a.starts_on as startsOn, a.ends_on as endsOn, a.scope, a.file, a.file_name as fileName, null as places
       from agreements a join establishments e on e.id = a.establishment_id join colleges c on c.id = a.college_id where a.id = ?`,
    )
    .get(id) as (AgreementRow & { fieldSlug: string }) | undefined;
}

export interface NewAgreement {
  establishmentId: number;
  collegeId: number;
  fieldSlug: string;
  status: AgreementStatus;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  scope?: string | null | undefined;
  file?: { path: string; name: string } | undefined;
  places?: { level: string; fiscalYear: number; places: number } | undefined;
  createdBy: number;
}

/**
 * Record an agreement and its training places; call inside a transaction (the upload commit's when it has a file).
 * The same agreement sent again (a second click, a resent form: same parties, field, status, dates and scope) is the
 * one already recorded, whose id is returned.
 */
export function insertAgreement(db: Db, input: NewAgreement): number {
  const sql = db.$client;
  const same = sql
    .prepare(
      `select id from agreements where establishment_id = ? and college_id = ? and field_slug = ? and status = ?
       and starts_on is ? and ends_on is ? and scope is ?`,
    )
    .pluck()
    .get(input.establishmentId, input.collegeId, input.fieldSlug, input.status, input.startsOn ?? null, input.endsOn ?? null, input.scope ?? null) as number | undefined;
  if (same !== undefined) return same;
  const id = Number(
    sql
      .prepare(
        `insert into agreements (establishment_id, college_id, field_slug, status, starts_on, ends_on, scope, file, file_name, created_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.establishmentId, input.collegeId, input.fieldSlug, input.status, input.startsOn ?? null, input.endsOn ?? null, input.scope ?? null, input.file?.path ?? null, input.file?.name ?? null, input.createdBy).lastInsertRowid,
  );
  if (input.places) sql.prepare('insert into training_places (agreement_id, level, fiscal_year, places) values (?, ?, ?, ?)').run(id, input.places.level, input.places.fiscalYear, input.places.places);
  return id;
}

export function setAgreementStatus(db: Db, id: number, fieldSlug: string, status: AgreementStatus): boolean {
  return db.$client.prepare(`update agreements set status = ?, updated_at = unixepoch('subsec') * 1000 where id = ? and field_slug = ?`).run(status, id, fieldSlug).changes > 0;
}

/** Whether an establishment and a college exist (a form names them by id). */
export function partiesExist(db: Db, establishmentId: number, collegeId: number): { establishment: boolean; college: boolean } {
  const sql = db.$client;
  return {
    establishment: sql.prepare('select 1 from establishments where id = ?').get(establishmentId) !== undefined,
    college: sql.prepare('select 1 from colleges where id = ?').get(collegeId) !== undefined,
  };
}

/** An establishment with its contact and fields, for the staff's edit page. */
export function findEstablishment(db: Db, id: number): (NewEstablishment & { id: number; agreements: number }) | undefined {
  const sql = db.$client;
  const row = sql
    .prepare(
      `select id, name_th as nameTh, name_en as nameEn, registration_no as registrationNo, tsic, province_code as provinceCode, size,
              contact_name as contactName, contact_email as contactEmail, contact_phone as contactPhone,
              (select count(*) from agreements a where a.establishment_id = e.id) as agreements
       from establishments e where id = ?`,
    )
    .get(id) as (Omit<NewEstablishment, 'fields'> & { id: number; agreements: number }) | undefined;
  if (!row) return undefined;
  const fields = sql.prepare('select field_slug from establishment_fields where establishment_id = ? order by field_slug').pluck().all(id) as string[];
  return { ...row, fields };
}

/** Change an establishment and its fields in one transaction; false when it is gone. A taken registration number throws. */
export function updateEstablishment(db: Db, id: number, input: NewEstablishment): boolean {
  const sql = db.$client;
  return sql.transaction(() => {
    const changed = sql
      .prepare(
        `update establishments set name_th = ?, name_en = ?, registration_no = ?, tsic = ?, province_code = ?, size = ?,
                contact_name = ?, contact_email = ?, contact_phone = ? where id = ?`,
      )
      .run(input.nameTh, input.nameEn, input.registrationNo ?? null, input.tsic, input.provinceCode, input.size, input.contactName, input.contactEmail ?? null, input.contactPhone ?? null, id).changes;
    if (changed === 0) return false;
    sql.prepare('delete from establishment_fields where establishment_id = ?').run(id);
    const addField = sql.prepare('insert or ignore into establishment_fields (establishment_id, field_slug) values (?, ?)');
    for (const field of input.fields) addField.run(id, field);
    return true;
  })();
}

export type EstablishmentDeletion = 'deleted' | 'has-agreements' | 'missing';

/**
 * Delete an establishment with its fields and demand rows (the totals' triggers take approved rows out of /manpower),
 * all or nothing. One with any agreement is refused: an agreement, its signed PDF and its training places are the
 * record of a partnership, and would go with it (decision 012).
 */
export function deleteEstablishment(db: Db, id: number): EstablishmentDeletion {
  const sql = db.$client;
  return sql.transaction((): EstablishmentDeletion => {
    if (sql.prepare('select 1 from agreements where establishment_id = ? limit 1').get(id) !== undefined) return 'has-agreements';
    return sql.prepare('delete from establishments where id = ?').run(id).changes > 0 ? 'deleted' : 'missing';
  }).immediate();
}

/** Whether an establishment hires from a field (a field's staff pages deal only with their field's establishments). */
export function hiresFrom(db: Db, id: number, fieldSlug: string): boolean {
  return db.$client.prepare('select 1 from establishment_fields where establishment_id = ? and field_slug = ?').get(id, fieldSlug) !== undefined;
}
