import { describe, expect, it } from 'vitest';
import { clusterSchema, fieldSchema } from '../../src/lib/content/schemas/index.ts';
import { filterFields, groupFields, parseFieldQuery } from '../../src/lib/fields/browse.ts';
import { readYamlList } from '../helpers/content.ts';

const fields = readYamlList('fields/fields.yaml').map((raw) => fieldSchema.parse(raw));
const clusters = readYamlList('clusters/clusters.yaml').map((raw) => clusterSchema.parse(raw));

describe('browsing fields', () => {
  it('groups by fiscal year in manual order', () => {
    const groups = groupFields(fields, 'year', clusters);
    expect(groups.map((g) => [g.year, g.fields.length])).toEqual([[2564, 25], [2565, 17], [2566, 59]]);
    expect(groups[0]!.fields[0]!.nameTh).toBe('เทคนิคเครื่องกล');
  });

  it('groups by cluster with every field in exactly one group', () => {
    const groups = groupFields(fields, 'cluster', clusters);
    expect(groups.reduce((n, g) => n + g.fields.length, 0)).toBe(101);
    expect(groups.at(-1)!.key).toBe('none');
  });

  it('finds fields by Thai or English name and by host college', () => {
    expect(filterFields(fields, { text: 'การโรงแรม' }).map((f) => f.hostCollegeTh)).toContain('วิทยาลัยอาชีวศึกษาภูเก็ต');
    expect(filterFields(fields, { text: 'HOTEL' }).length).toBeGreaterThan(0);
    expect(filterFields(fields, { text: 'สัตหีบ' }).length).toBe(3);
  });

  it('combines fiscal year and cluster filters', () => {
    const digital2566 = filterFields(fields, { year: 2566, cluster: 'digital' });
    expect(digital2566.length).toBeGreaterThan(0);
    expect(digital2566.every((f) => f.fiscalYear === 2566 && f.cluster === 'digital')).toBe(true);
    const unclustered = filterFields(fields, { cluster: 'none' });
    expect(unclustered.every((f) => !f.cluster)).toBe(true);
  });

  it('ignores query values that are not valid choices', () => {
    const query = parseFieldQuery(new URLSearchParams('year=1999&cluster=<script>&group=x&q=' + 'ก'.repeat(500)), clusters);
    expect(query).toEqual({ text: 'ก'.repeat(100), year: undefined, cluster: undefined, group: 'year' });
  });
});
