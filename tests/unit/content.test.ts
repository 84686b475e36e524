import { describe, expect, it } from 'vitest';
import {
  clusterSchema,
  courseSchema,
  curriculumSchema,
  ebookSchema,
  expertSchema,
  fieldSchema,
  researchSchema,
} from '../../src/lib/content/schemas/index.ts';
import { readMarkdownEntries, readYamlList } from '../helpers/content.ts';

const fields = readYamlList('fields/fields.yaml').map((raw) => fieldSchema.parse(raw));
const clusters = readYamlList('clusters/clusters.yaml').map((raw) => clusterSchema.parse(raw));
const slugs = new Set(fields.map((f) => f.slug));

describe('fields of excellence', () => {
  it('lists all 101 fields of the manual: 25 in 2564, 17 in 2565, 59 in 2566', () => {
    expect(fields).toHaveLength(101);
    const perYear = Object.fromEntries([2564, 2565, 2566].map((y) => [y, fields.filter((f) => f.fiscalYear === y).length]));
    expect(perYear).toEqual({ 2564: 25, 2565: 17, 2566: 59 });
  });

  it('has unique slugs', () => {
    expect(slugs.size).toBe(fields.length);
  });

  it('numbers each fiscal year 1..N as the manual does', () => {
    for (const year of [2564, 2565, 2566]) {
      const orders = fields.filter((f) => f.fiscalYear === year).map((f) => f.order);
      expect(orders).toEqual(orders.map((_, i) => i + 1));
    }
  });

  it('names only clusters that exist, and gives specializations in both languages', () => {
    const clusterIds = new Set(clusters.map((c) => c.id));
    for (const f of fields) {
      if (f.cluster) expect(clusterIds, f.slug).toContain(f.cluster);
      expect(Boolean(f.specializationTh), f.slug).toBe(Boolean(f.specializationEn));
    }
  });

  it('keeps manual names without the สาขาวิชา prefix', () => {
    for (const f of fields) expect(f.nameTh.startsWith('สาขาวิชา'), f.slug).toBe(false);
  });
});

const collections = {
  ebooks: ebookSchema,
  curricula: curriculumSchema,
  courses: courseSchema,
  research: researchSchema,
  experts: expertSchema,
};

describe.each(Object.entries(collections))('collection %s', (name, schema) => {
  const entries = readMarkdownEntries(name);

  it('has demo entries that validate against the schema', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const result = schema.safeParse(entry.data);
      expect(result.error?.issues ?? [], `${name}/${entry.id}`).toEqual([]);
    }
  });

  it('refers only to fields that exist', () => {
    for (const entry of entries) {
      for (const slug of (entry.data as { fields: string[] }).fields) expect(slugs, `${name}/${entry.id}`).toContain(slug);
    }
  });
});

describe('schemas reject bad entries', () => {
  it('refuses an entry that belongs to no field', () => {
    const result = researchSchema.safeParse({
      titleTh: 'งานวิจัย',
      authors: ['นายทดสอบ'],
      year: 2567,
      institution: 'วิทยาลัยเทคนิค',
      fields: [],
      published: '2026-01-01',
    });
    expect(result.success).toBe(false);
  });

  it('refuses a Christian-era year where a Buddhist-era one belongs', () => {
    const result = curriculumSchema.safeParse({ nameTh: 'หลักสูตร', level: 'vc', code: '20104', year: 2019, nqfLevel: 3, fields: ['electrical'], published: '2026-01-01' });
    expect(result.success).toBe(false);
  });
});
