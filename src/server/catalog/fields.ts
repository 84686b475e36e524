// The fields of excellence and their clusters, as every page reads them.
import { getCollection } from 'astro:content';
import type { Cluster, Field } from '../../lib/content/schemas/index.ts';

export async function listFields(): Promise<Field[]> {
  const entries = await getCollection('fields');
  return entries.map((e) => e.data).sort((a, b) => a.fiscalYear - b.fiscalYear || a.order - b.order);
}

export async function listClusters(): Promise<Cluster[]> {
  const entries = await getCollection('clusters');
  return entries.map((e) => e.data).sort((a, b) => a.order - b.order);
}

export async function findField(slug: string): Promise<Field | undefined> {
  return (await listFields()).find((f) => f.slug === slug);
}
