// The CVM network's pure rules: regions, report rows, matching scores, and the CSV writer every export uses.
import { describe, expect, it } from 'vitest';
import { neutralizeCell, toCsv } from '../../src/lib/export/csv.ts';
import { agreementSchema, establishmentSchema } from '../../src/lib/network/form-schemas.ts';
import { fieldErrors } from '../../src/lib/forms/form-values.ts';
import { matchScore, rankMatches, type NeedingEstablishment, type SupplyingCollege } from '../../src/lib/network/matching.ts';
import { checkReportRows, headerProblems, mayChangeReportRow, type ReportContext } from '../../src/lib/network/report-rows.ts';
import { regionOf } from '../../src/lib/network/terms.ts';
import { reporterGrantProblem, reportingCollege } from '../../src/lib/network/college-reporters.ts';
import th from '../../src/i18n/network.th.json';
import en from '../../src/i18n/network.en.json';

describe('network vocabulary', () => {
  it('has every message in Thai and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(th).sort());
  });

  it('places a province in its region by the first digit of its geocode', () => {
    expect(regionOf('10')).toBe('central');
    expect(regionOf('20')).toBe('east');
    expect(regionOf('40')).toBe('northeast');
    expect(regionOf('50')).toBe('north');
    expect(regionOf('71')).toBe('west');
    expect(regionOf('96')).toBe('south');
    expect(() => regionOf('00')).toThrow();
    expect(() => regionOf('1')).toThrow();
  });
});

describe('reported rows', () => {
  // The database's answers, as reportContext gives them for a small network.
  const context: ReportContext = {
    fields: new Set(['electronics']),
    resolve: (reference) => (reference === '7' || reference === '0105500000007' ? { id: 7, provinceCode: '20' } : undefined),
    exists: (key) => key.ownerId === 7 && key.fiscalYear === 2568,
  };
  const good = { establishment: '7', field: 'electronics', level: 'hvc', fiscal_year: '2570', positions: '12', competencies: 'PLC' };

  it('keeps good rows with their establishment and province', () => {
    const { valid, issues } = checkReportRows('demand', [good, { ...good, establishment: '0105500000007', level: 'vc' }], context);
    expect(issues).toEqual([]);
    expect(valid.map((r) => [r.owner.id, r.owner.provinceCode, r.level, r.fiscal_year])).toEqual([
      [7, '20', 'hvc', 2570],
      [7, '20', 'vc', 2570],
    ]);
  });

  it('refuses each bad row with its spreadsheet row number and every reason', () => {
    const rows = [
      good,
      { ...good, positions: '-3' },
      { ...good, positions: '100001', fiscal_year: '1999' },
      { ...good, establishment: '99' },
      { ...good, field: 'tourism' },
      { ...good, level: 'phd' },
      good,
      { ...good, fiscal_year: '2568' },
    ];
    const { valid, issues } = checkReportRows('demand', rows, context);
    expect(valid).toHaveLength(1);
    expect(issues.map((i) => [i.row, i.problems.map((p) => `${p.column}:${p.key}`)])).toEqual([
      [3, ['positions:network.count.invalid']],
      [4, ['fiscal_year:network.year.invalid', 'positions:network.count.invalid']],
      [5, ['establishment:network.establishment.unknown']],
      [6, ['field:network.field.notYours']],
      [7, ['level:network.level.invalid']],
      [8, ['(row):network.row.repeats']],
      [9, ['(row):network.row.exists']],
    ]);
    expect(issues[5]!.problems[0]!.params).toEqual({ row: 2 });
  });

  it('checks supply: graduates cannot outnumber students', () => {
    const colleges: ReportContext = { ...context, resolve: (r) => (r === 'วิทยาลัยเทคนิคชลบุรี' ? { id: 3, provinceCode: '20' } : undefined) };
    const row = { college: 'วิทยาลัยเทคนิคชลบุรี', field: 'electronics', level: 'vc', fiscal_year: '2570', enrolled: '30', graduates: '31' };
    expect(checkReportRows('supply', [row], colleges).issues[0]!.problems).toEqual([{ column: 'graduates', key: 'network.graduates.tooMany' }]);
    expect(checkReportRows('supply', [{ ...row, graduates: '25' }], colleges).valid).toHaveLength(1);
  });

  it('names missing and unknown columns of a sheet', () => {
    expect(headerProblems('demand', ['establishment', 'field', 'level', 'fiscal_year', 'positions'])).toBeUndefined();
    expect(headerProblems('demand', ['establishment', 'field', 'level', 'year', 'positions', '__proto__'])?.problems.map((p) => p.params?.column)).toEqual(['fiscal_year', 'year', '__proto__']);
  });
});

describe('forms', () => {
  it('checks an establishment: TSIC, province, registration number, at least one field', () => {
    const schema = establishmentSchema(new Set(['electronics']), new Set(['10']));
    const ok = schema.parse({ nameTh: 'บริษัท ทดสอบ จำกัด', tsic: '26110', provinceCode: '10', size: 'small', fields: 'electronics', registrationNo: '', contactEmail: '' });
    expect(ok).toMatchObject({ registrationNo: undefined, contactEmail: undefined, fields: ['electronics'] });
    const bad = schema.safeParse({ nameTh: 'x', tsic: '2', provinceCode: '99', size: 'huge', registrationNo: '123', contactPhone: 'call me' });
    expect(fieldErrors(bad.error!)).toEqual({
      tsic: 'network.tsic.invalid',
      provinceCode: 'network.province.unknown',
      size: 'form.invalid',
      registrationNo: 'network.registrationNo.invalid',
      contactPhone: 'network.phone.invalid',
      fields: 'form.required',
    });
  });

  it('checks an agreement: real dates in order, places given whole', () => {
    const base = { establishmentId: '1', collegeId: '2', status: 'mou' };
    expect(agreementSchema.safeParse({ ...base, startsOn: '2026-02-30' }).success).toBe(false);
    expect(fieldErrors(agreementSchema.safeParse({ ...base, startsOn: '2026-06-01', endsOn: '2026-05-01' }).error!)).toEqual({ endsOn: 'network.date.order' });
    expect(fieldErrors(agreementSchema.safeParse({ ...base, places: '5' }).error!)).toEqual({ places: 'network.places.incomplete' });
    expect(agreementSchema.parse({ ...base, places: '5', placesLevel: 'hvc', placesYear: '2570', startsOn: '' })).toMatchObject({ places: 5, startsOn: undefined });
  });
});

describe('matching', () => {
  const establishment: NeedingEstablishment = { id: 1, nameTh: 'บริษัท ก', provinceCode: '20', region: 'east', unmet: 10, tiedColleges: [3] };
  const college = (id: number, provinceCode: string, region: SupplyingCollege['region'], graduates: number, partnerships = 0): SupplyingCollege => ({ id, nameTh: `วิทยาลัย ${id}`, provinceCode, region, graduates, partnerships });

  it('scores nearness, supply and ties, and shows each part', () => {
    expect(matchScore(establishment, college(2, '20', 'east', 52))).toEqual({ proximity: 40, supply: 10, ties: 0, total: 50 });
    expect(matchScore(establishment, college(3, '21', 'east', 500, 2))).toEqual({ proximity: 20, supply: 30, ties: 25, total: 75 });
    expect(matchScore(establishment, college(4, '50', 'north', 4))).toEqual({ proximity: 0, supply: 0, ties: 0, total: 0 });
  });

  it('ranks colleges per establishment, best first', () => {
    const [match] = rankMatches([establishment], [college(4, '50', 'north', 400), college(2, '20', 'east', 10), college(3, '21', 'east', 100, 1)], 2);
    expect(match!.candidates.map((c) => c.college.id)).toEqual([3, 2]);
  });
});

describe('CSV export', () => {
  it('neutralizes cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeCell(cell)).toBe(`'${cell}`);
    expect(neutralizeCell('บริษัท = ดี')).toBe('บริษัท = ดี');
    expect(neutralizeCell(-5)).toBe(-5);
    expect(neutralizeCell(null)).toBe('');
  });

  it('writes UTF-8 with a BOM, quoting what needs it', () => {
    const csv = toCsv([{ header: 'ชื่อ', value: (r: { n: string; v: number }) => r.n }, { header: 'n', value: (r) => r.v }], [{ n: 'a, "b"', v: 3 }, { n: '=HYPERLINK("x")', v: -1 }]);
    expect(csv).toBe('\uFEFFชื่อ,n\r\n"a, ""b""",3\r\n"\'=HYPERLINK(""x"")",-1\r\n');
  });
});

describe('who may change a stored row', () => {
  const row = { fieldSlug: 'electronics', status: 'reported' as const, reportedBy: 7, collegeId: 30 };
  it('admins and the field’s staff always; the reporter only while it waits for approval; nobody else', () => {
    expect(mayChangeReportRow({ id: 1, role: 'admin' }, { ...row, status: 'approved' })).toBe(true);
    expect(mayChangeReportRow({ id: 2, role: 'teacher', staffFields: ['electronics'] }, { ...row, status: 'approved' })).toBe(true);
    expect(mayChangeReportRow({ id: 7, role: 'teacher', staffFields: [] }, row)).toBe(true);
    expect(mayChangeReportRow({ id: 7, role: 'teacher', staffFields: [] }, { ...row, status: 'approved' })).toBe(false);
    expect(mayChangeReportRow({ id: 8, role: 'teacher', staffFields: ['tourism'] }, row)).toBe(false);
  });

  it('a college’s reporters change its rows while they wait for approval, and no other college’s', () => {
    const reporter = { id: 9, role: 'teacher' as const, staffFields: [], reporterCollegeId: 30 };
    expect(mayChangeReportRow(reporter, row)).toBe(true);
    expect(mayChangeReportRow(reporter, { ...row, status: 'approved' })).toBe(false);
    expect(mayChangeReportRow(reporter, { ...row, collegeId: 31 })).toBe(false);
    expect(mayChangeReportRow(reporter, { ...row, collegeId: null })).toBe(false);
    expect(mayChangeReportRow({ ...reporter, reporterCollegeId: null }, row)).toBe(false);
  });
});

describe('college reporters', () => {
  it('report for the granted college only while their profile names it and they work at a college', () => {
    expect(reportingCollege({ role: 'teacher', collegeId: 30 }, 30)).toBe(30);
    expect(reportingCollege({ role: 'expert', collegeId: 30 }, 30)).toBe(30);
    expect(reportingCollege({ role: 'teacher', collegeId: 31 }, 30)).toBeNull();
    expect(reportingCollege({ role: 'teacher', collegeId: null }, 30)).toBeNull();
    expect(reportingCollege({ role: 'student', collegeId: 30 }, 30)).toBeNull();
    expect(reportingCollege({ role: 'teacher', collegeId: 30 }, null)).toBeNull();
  });

  it('are granted only to a teacher or expert whose profile college teaches the field', () => {
    expect(reporterGrantProblem({ role: 'teacher', collegeId: 30 }, true)).toBeUndefined();
    expect(reporterGrantProblem({ role: 'student', collegeId: 30 }, true)).toBe('network.reporter.wrongRole');
    expect(reporterGrantProblem({ role: 'admin', collegeId: 30 }, true)).toBe('network.reporter.wrongRole');
    expect(reporterGrantProblem({ role: 'teacher', collegeId: null }, false)).toBe('network.reporter.noCollege');
    expect(reporterGrantProblem({ role: 'expert', collegeId: 30 }, false)).toBe('network.reporter.collegeNotInField');
  });

  it('have their supply rows refused for another college, and demand for an establishment outside the field, by row', () => {
    const context: ReportContext = {
      fields: new Set(['electronics']),
      resolve: (reference) => ({ '30': { id: 30, provinceCode: '20' }, '31': { id: 31, provinceCode: '20' }, '5': { id: 5, provinceCode: '20' }, '6': { id: 6, provinceCode: '20' } })[reference],
      exists: () => false,
      reporter: { collegeId: 30, mayReportDemandOf: (id) => id === 5 },
    };
    const supply = (college: string) => ({ college, field: 'electronics', level: 'hvc', fiscal_year: '2570', enrolled: '40', graduates: '30' });
    const bad = checkReportRows('supply', [supply('30'), supply('31')], context);
    expect(bad.valid).toHaveLength(1);
    expect(bad.issues).toEqual([{ row: 3, problems: [{ column: 'college', key: 'network.college.notYours', params: { value: '31' } }] }]);
    const demand = (establishment: string) => ({ establishment, field: 'electronics', level: 'hvc', fiscal_year: '2570', positions: '4' });
    expect(checkReportRows('demand', [demand('5'), demand('6')], context).issues).toEqual([{ row: 3, problems: [{ column: 'establishment', key: 'network.establishment.notInYourFields', params: { value: '6' } }] }]);
  });
});
