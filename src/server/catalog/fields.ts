// The fields of excellence and their clusters, as every page reads them. content/ does not change while the server
// runs, so each list is sorted once, not on every request.
import { getCollection } from 'astro:content';
import type { Cluster, Field } from '../../lib/content/schemas/index.ts';

let fields: Promise<Field[]> | undefined;
let clusters: Promise<Cluster[]> | undefined;

export function listFields(): Promise<Field[]> {
  fields ??= getCollection('fields').then((entries) => entries.map((e) => e.data).sort((a, b) => a.fiscalYear - b.fiscalYear || a.order - b.order));
  return fields;
}

export function listClusters(): Promise<Cluster[]> {
  clusters ??= getCollection('clusters').then((entries) => entries.map((e) => e.data).sort((a, b) => a.order - b.order));
  return clusters;
}

export async function findField(slug: string): Promise<Field | undefined> {
  return (await listFields()).find((f) => f.slug === slug);
}
