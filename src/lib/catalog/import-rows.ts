// Turning spreadsheet rows (CSV cells are all text) into candidate item data the type's schema can validate.
import { slugPattern } from '../content/schemas/common.ts';
import { schemaFor, type ContentType } from '../content/types.ts';
import { bareObject, isUsableDottedName, setDotted } from './dotted-keys.ts';

const listKeys = new Set(['authors', 'keywords', 'fields', 'levels', 'expertise', 'audience']);
const numberKeys = new Set(['year', 'revisedYear', 'nqfLevel', 'credits', 'hours', 'minTrainees']);

/** A list cell: items separated by `;`, `|` or line breaks (what people type in a spreadsheet cell). */
const splitList = (cell: string) => cell.split(/[;|\n]/).map((s) => s.trim()).filter(Boolean);

function cellValue(key: string, cell: unknown): unknown {
  if (typeof cell !== 'string') return cell;
  const text = cell.trim();
  if (text === '') return undefined;
  if (text.startsWith('[') || text.startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      return text; // the schema will say what is wrong with it
    }
  }
  if (listKeys.has(key)) return splitList(text);
  if (numberKeys.has(key) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Column names that cannot be item keys (`__proto__.x`, `a..b`): a row with any is refused. */
export function unusableColumns(columns: readonly string[]): string[] {
  return columns.filter((column) => !isUsableDottedName(column.trim()));
}

/**
 * A flat row (with dotted keys such as `contact.email`) as nested data, in objects without a prototype; empty
 * cells are left out. Throws on a column name that is not usable (check unusableColumns first).
 */
export function rowToData(row: Record<string, unknown>): Record<string, unknown> {
  const data = bareObject();
  for (const [column, cell] of Object.entries(row)) {
    const name = column.trim();
    const path = name.split('.');
    const value = cellValue(path.at(-1)!, cell);
    if (value === undefined || path[0] === 'slug') continue;
    setDotted(data, name, value);
  }
  return data;
}

/** A URL slug for an imported item: the row's own `slug`, else one made from its English title or code. */
export function slugForRow(row: Record<string, unknown>, data: Record<string, unknown>, index: number): string {
  const own = typeof row.slug === 'string' ? row.slug.trim() : '';
  if (own) return own;
  const base = [data.titleEn, data.nameEn, data.code].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? `item-${index + 1}`;
  return base.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || `item-${index + 1}`;
}

export interface RowProblem {
  /** 1-based row number as the spreadsheet shows it (header is row 1 in CSV). */
  row: number;
  messages: string[];
}

export interface ValidRow {
  row: number;
  slug: string;
  data: Record<string, unknown>;
  body: string;
}

/** Validate every row; good rows come back ready to store, bad ones with every reason. */
export function validateRows(
  type: ContentType,
  rows: Record<string, unknown>[],
  knownFields: ReadonlySet<string>,
  firstRowNumber: number,
): { valid: ValidRow[]; problems: RowProblem[] } {
  const valid: ValidRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + firstRowNumber;
    const unusable = unusableColumns(Object.keys(row));
    if (unusable.length > 0) {
      problems.push({ row: rowNumber, messages: unusable.map((column) => `column "${column}": not a key an item can have`) });
      return;
    }
    let data: Record<string, unknown>;
    try {
      data = rowToData(row);
    } catch (error) {
      problems.push({ row: rowNumber, messages: [(error as Error).message] });
      return;
    }
    const { body, ...rest } = data;
    const slug = slugForRow(row, rest, index);
    const messages: string[] = [];
    const parsed = schemaFor[type].safeParse(rest);
    if (!parsed.success) messages.push(...parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`));
    const fields = Array.isArray(rest.fields) ? (rest.fields as unknown[]) : [];
    for (const field of fields) if (typeof field === 'string' && !knownFields.has(field)) messages.push(`fields: unknown field of excellence "${field}"`);
    if (!slugPattern.test(slug)) messages.push(`slug: "${slug}" must be lowercase letters, digits and hyphens`);
    if (seen.has(slug)) messages.push(`slug: "${slug}" repeats row ${seen.get(slug)}`);
    seen.set(slug, rowNumber);
    if (messages.length > 0) problems.push({ row: rowNumber, messages });
    else valid.push({ row: rowNumber, slug, data: rest, body: typeof body === 'string' ? body : '' });
  });
  return { valid, problems };
}
