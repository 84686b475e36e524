// The list an instructor pastes to enroll people: plain emails one per line, or CSV with an `email` column (and
// `name`, optionally). Pure: the rows and the lines that are not emails, for the form to name.
import { emailAddress } from '../forms/form-values.ts';

export interface ListedPerson {
  email: string;
  name: string | undefined;
}

/** Splits a CSV line on commas outside double quotes (the lists people export from spreadsheets). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"' && quoted && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if ((c === ',' || c === ';' || c === '\t') && !quoted) {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

export function parsePeopleList(text: string): { people: ListedPerson[]; bad: number[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = cells(lines[0] ?? '').map((c) => c.toLowerCase());
  const emailColumn = header.findIndex((c) => c === 'email' || c === 'อีเมล');
  const nameColumn = header.findIndex((c) => c === 'name' || c === 'ชื่อ' || c === 'nameth');
  const people = new Map<string, ListedPerson>();
  const bad: number[] = [];
  lines.forEach((line, index) => {
    if ((emailColumn >= 0 && index === 0) || !line.trim()) return;
    const row = cells(line);
    const parsed = emailAddress.safeParse(emailColumn >= 0 ? row[emailColumn] : row[0]);
    if (!parsed.success) {
      bad.push(index + 1);
      return;
    }
    const name = nameColumn >= 0 ? row[nameColumn] || undefined : row[1] || undefined;
    if (!people.has(parsed.data)) people.set(parsed.data, { email: parsed.data, name });
  });
  return { people: [...people.values()], bad };
}
