// Retrieval quality on the judged query set: recall@10 and MRR (reciprocal rank of the first relevant hit), overall
// and per tag (short, compound, final-mark, english, manual, …).
import { readFileSync } from 'node:fs';
import type { SearchEngine } from '../../search/types.ts';

export interface JudgedQuery {
  id: string;
  q: string;
  relevant: string[];
  tags: string[];
}

export interface QualityReport {
  recall: number;
  mrr: number;
  byTag: Record<string, { queries: number; recall: number; mrr: number }>;
  perQuery: { id: string; q: string; tags: string[]; recall: number; rr: number; hits: string[] }[];
}

export function readJudgedQueries(path = new URL('./queries.jsonl', import.meta.url).pathname): JudgedQuery[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JudgedQuery);
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

/** Search every query on an engine holding its corpus: per query, recall@10 and the reciprocal rank. */
export async function evaluate(engine: SearchEngine, queries: JudgedQuery[]): Promise<QualityReport['perQuery']> {
  const perQuery: QualityReport['perQuery'] = [];
  for (const query of queries) {
    const hits = (await engine.search({ q: query.q, perPage: 10, facets: false })).hits.map((h) => h.id);
    const relevant = new Set(query.relevant);
    const found = hits.filter((id) => relevant.has(id)).length;
    const first = hits.findIndex((id) => relevant.has(id));
    perQuery.push({ id: query.id, q: query.q, tags: query.tags, recall: found / relevant.size, rr: first < 0 ? 0 : 1 / (first + 1), hits });
  }
  return perQuery;
}

/** Means overall and per tag, over queries judged on any number of corpora. */
export function summarize(perQuery: QualityReport['perQuery']): QualityReport {
  const byTag: QualityReport['byTag'] = {};
  for (const tag of [...new Set(perQuery.flatMap((q) => q.tags))].sort()) {
    const rows = perQuery.filter((q) => q.tags.includes(tag));
    byTag[tag] = { queries: rows.length, recall: mean(rows.map((r) => r.recall)), mrr: mean(rows.map((r) => r.rr)) };
  }
  return { recall: mean(perQuery.map((r) => r.recall)), mrr: mean(perQuery.map((r) => r.rr)), byTag, perQuery };
}
