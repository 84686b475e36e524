// Filtering and grouping the fields of excellence for the /fields page; pure, so it runs anywhere.
import type { Cluster, Field } from '../content/schemas/index.ts';
import { fiscalYears } from '../content/schemas/index.ts';

export type FieldGrouping = 'year' | 'cluster';

export interface FieldFilter {
  text?: string;
  year?: number;
  cluster?: string;
}

/** Parse the /fields query string, ignoring values that are not valid choices. */
export function parseFieldQuery(params: URLSearchParams, clusters: readonly Cluster[]): FieldFilter & { group: FieldGrouping } {
  const text = (params.get('q') ?? '').trim().slice(0, 100);
  const year = Number(params.get('year'));
  const cluster = params.get('cluster') ?? '';
  return {
    text: text || undefined,
    year: (fiscalYears as readonly number[]).includes(year) ? year : undefined,
    cluster: cluster === 'none' || clusters.some((c) => c.id === cluster) ? cluster : undefined,
    group: params.get('group') === 'cluster' ? 'cluster' : 'year',
  };
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('th');

export function filterFields(fields: readonly Field[], filter: FieldFilter): Field[] {
  const needle = filter.text ? fold(filter.text) : '';
  return fields.filter((f) => {
    if (filter.year && f.fiscalYear !== filter.year) return false;
    if (filter.cluster === 'none' ? f.cluster : filter.cluster && f.cluster !== filter.cluster) return false;
    if (!needle) return true;
    const haystack = [f.nameTh, f.nameEn, f.specializationTh, f.specializationEn, f.hostCollegeTh, f.hostCollegeEn]
      .filter(Boolean)
      .join(' ');
    return fold(haystack).includes(needle);
  });
}

export interface FieldGroup {
  key: string;
  /** The fiscal year, or the cluster (undefined for fields outside every cluster). */
  year?: number;
  cluster?: Cluster;
  fields: Field[];
}

/** Fields grouped by fiscal year (in manual order) or by cluster (in cluster order, unclustered last). */
export function groupFields(fields: readonly Field[], by: FieldGrouping, clusters: readonly Cluster[]): FieldGroup[] {
  const byManualOrder = (a: Field, b: Field) => a.fiscalYear - b.fiscalYear || a.order - b.order;
  if (by === 'year') {
    return fiscalYears
      .map((year) => ({ key: String(year), year, fields: fields.filter((f) => f.fiscalYear === year).sort(byManualOrder) }))
      .filter((g) => g.fields.length > 0);
  }
  const groups: FieldGroup[] = [...clusters]
    .sort((a, b) => a.order - b.order)
    .map((cluster) => ({ key: cluster.id, cluster, fields: fields.filter((f) => f.cluster === cluster.id).sort(byManualOrder) }));
  groups.push({ key: 'none', fields: fields.filter((f) => !f.cluster).sort(byManualOrder) });
  return groups.filter((g) => g.fields.length > 0);
}
