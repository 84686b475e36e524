// The hand-set provinces of host colleges whose name holds no province agree with the districts their names hold.
import { readFileSync } from 'node:fs';
import { getDistricts, getProvinces } from 'thai-address-universal';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const notes = parse(readFileSync('content/network/host-colleges.yaml', 'utf8')) as { provinces: Record<string, string>; private: string[] };

describe('host-colleges.yaml', () => {
  it('names provinces as thai-address-universal spells them', async () => {
    const names = new Set((await getProvinces()).map((p) => p.nameTh));
    for (const [college, province] of Object.entries(notes.provinces)) expect(names.has(province), `${college}: ${province}`).toBe(true);
  });

  it('puts a college named after a district in that district’s province', async () => {
    const provinces = await getProvinces();
    const districts = (await Promise.all(provinces.map(async (p) => (await getDistricts(p.code)).map((d) => ({ district: d.nameTh, province: p.nameTh }))))).flat();
    let checked = 0;
    for (const [college, province] of Object.entries(notes.provinces)) {
      const named = districts.filter((d) => !d.district.startsWith('เมือง') && college.includes(d.district));
      if (named.length === 0) continue;
      checked += 1;
      expect(named.map((d) => d.province), college).toContain(province);
    }
    // ไชยา, สัตหีบ, แม่เมาะ, ธนบุรี, บางนา, หาดใหญ่, โพธาราม, มีนบุรี, ดอนเมือง, แม่สอด, กบินทร์บุรี at least.
    expect(checked).toBeGreaterThanOrEqual(11);
  });

  it('places the Royal Goldsmith College in Phetchaburi, where it is (Tham Rong, Ban Lat)', () => {
    expect(notes.provinces['กาญจนาภิเษกวิทยาลัยช่างทองหลวง']).toBe('เพชรบุรี');
  });

  it('keeps Chetuphon Commercial College a state college (OVEC), and only the three known private colleges private', () => {
    expect(notes.private).not.toContain('วิทยาลัยพณิชยการเชตุพน');
    expect(notes.provinces['วิทยาลัยพณิชยการเชตุพน']).toBe('กรุงเทพมหานคร');
    expect([...notes.private].sort()).toEqual(['วิทยาลัยเทคโนโลยีและการจัดการ กฟผ. แม่เมาะ', 'วิทยาลัยพัฒนวิชาการธนบุรี', 'วิทยาลัยพัฒนวิชาการบางนา'].sort());
  });
});
