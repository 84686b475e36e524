// Dates as Thai forms write them: day/month/year in the Buddhist Era (19/01/2569), or with the Thai month's name
// (19 มกราคม 2569, 19 ม.ค. 2569); stored as ISO dates (2026-01-19). Pure.

/** Thai month names, full and abbreviated, January first. */
const thaiMonths = [
  ['มกราคม', 'ม.ค.'],
  ['กุมภาพันธ์', 'ก.พ.'],
  ['มีนาคม', 'มี.ค.'],
  ['เมษายน', 'เม.ย.'],
  ['พฤษภาคม', 'พ.ค.'],
  ['มิถุนายน', 'มิ.ย.'],
  ['กรกฎาคม', 'ก.ค.'],
  ['สิงหาคม', 'ส.ค.'],
  ['กันยายน', 'ก.ย.'],
  ['ตุลาคม', 'ต.ค.'],
  ['พฤศจิกายน', 'พ.ย.'],
  ['ธันวาคม', 'ธ.ค.'],
] as const;

/** Years from this on are Buddhist Era (C.E. + 543); below it, a year someone typed in the Common Era. */
const firstBuddhistYear = 2400;

const thaiDigits = (text: string) => text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));

function isoDate(year: number, month: number, day: number): string | undefined {
  const ce = year >= firstBuddhistYear ? year - 543 : year;
  const date = new Date(Date.UTC(ce, month - 1, day));
  if (ce < 1900 || ce > 2200 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * The ISO date (yyyy-mm-dd) a typed date means, or undefined when it is not a real date. Takes d/m/yyyy (also with
 * `-` or `.`), `d month yyyy` with a Thai month name, and an ISO date; years from 2400 are B.E., earlier ones C.E.
 */
export function parseBuddhistDate(typed: string): string | undefined {
  const text = thaiDigits(typed.trim()).replace(/\s+/g, ' ');
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2}) ?(\S+?) ?(?:พ\.ศ\. ?)?(\d{4})$/.exec(text);
  if (match) {
    const month = thaiMonths.findIndex((names) => names.includes(match![2] as never));
    if (month >= 0) return isoDate(Number(match[3]), month + 1, Number(match[1]));
  }
  return undefined;
}

/** An ISO date (or a Date) as the form shows it: dd/mm/yyyy in the Buddhist Era. */
export function formatBuddhistDate(date: string | Date): string {
  const iso = date instanceof Date ? date.toISOString().slice(0, 10) : date.slice(0, 10);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${Number(match[1]) + 543}` : date.toString();
}

/** The day an instant falls on in Bangkok (UTC+7, no daylight saving), as an ISO date: what a form shows for it. */
export function bangkokDay(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
