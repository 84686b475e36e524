// The search benchmark (npm run bench:search): quality of both engines and of default Meilisearch on the judged
// queries, then latency and indexing throughput on generated corpora; writes bench/results/search.md.
// Usage: node bench/search/run.ts [--sizes 1000,10000,100000] [--runs 3] [--engines sqlite,meilisearch,baseline]
//        [--skip-quality] [--skip-latency] [--out FILE]
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { catalogDocuments, fieldNamesOf, readFields } from '../../search/documents.ts';
import { createMeilisearchEngine } from '../../search/engines/meilisearch.ts';
import { createSqliteEngine } from '../../search/engines/sqlite.ts';
import { Dictionary } from '../../search/text.ts';
import type { SearchDocument, SearchEngine } from '../../search/types.ts';
import { domainDictionaryWords } from '../../search/vocabulary.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../tests/helpers/meilisearch.ts';
import { tempDir } from '../../tests/helpers/server.ts';
import { median, reportLines } from './report.ts';
import { generateDocuments } from './corpus.ts';
import { manualDocuments, manualQueries } from './manual.ts';
import { evaluate, readJudgedQueries, summarize, type JudgedQuery, type QualityReport } from './quality.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    runs: { type: 'string', default: '3' },
    /** Which engines the latency part measures; the ratio columns need the baseline. */
    engines: { type: 'string', default: 'sqlite,meilisearch,baseline' },
    'skip-quality': { type: 'boolean', default: false },
    'skip-latency': { type: 'boolean', default: false },
    out: { type: 'string', default: new URL('../results/search.md', import.meta.url).pathname },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const measured = new Set(values.engines.split(','));
const queries = readJudgedQueries();
const words = domainDictionaryWords();
const dir = tempDir('ic-bench-search-');
const { say, lines } = reportLines();

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const f = (x: number, digits = 1) => x.toFixed(digits);

let sqliteCount = 0;
function sqliteEngine(dictionaryWords = words): SearchEngine {
  const database = new Database(join(dir.path, `bench-${sqliteCount++}.db`));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  return createSqliteEngine({ database, dictionary: new Dictionary(dictionaryWords) });
}

type MeiliVariant = { dictionary?: string[]; baseline?: boolean; matchingStrategy?: 'last' | 'frequency'; facets?: boolean };
let indexCount = 0;
function meiliEngine(server: RunningMeilisearch, variant: MeiliVariant = {}) {
  return createMeilisearchEngine({
    url: server.url,
    key: server.key,
    index: `bench_${indexCount++}`,
    dictionary: variant.dictionary ?? words,
    // The baseline is Meilisearch as installed; the latency baseline adds only what facet counts require.
    settings: variant.baseline ? (variant.facets ? { filterableAttributes: ['type', 'fields', 'levels', 'lang', 'year'] } : {}) : undefined,
    matchingStrategy: variant.matchingStrategy,
    timeoutMs: 60_000,
  });
}

/** Share of highlighted Thai words ending in ุ ู ์ whose last mark Meilisearch left outside the highlight (charabia #371). */
async function cutHighlights(engine: ReturnType<typeof meiliEngine>, judged: JudgedQuery[]) {
  let words = 0;
  let cut = 0;
  for (const { q } of judged) {
    const response = await engine.client.index(engine.indexUid).search(q, {
      attributesToHighlight: ['title', 'keywords', 'summary', 'body'],
      highlightPreTag: '\u0001',
      highlightPostTag: '\u0002',
      locales: ['tha'],
      limit: 10,
    });
    const text = response.hits.flatMap((h) => Object.values(h._formatted ?? {}).flat()).join(' ');
    for (const m of text.matchAll(/\u0001([^\u0002]*)\u0002([\u0e38\u0e39\u0e4c]?)/g)) {
      const whole = m[1]! + m[2]!;
      if (!/[\u0e38\u0e39\u0e4c]$/.test(whole)) continue;
      words++;
      if (m[2]) cut++;
    }
  }
  return { words, cut };
}

async function quality(server: RunningMeilisearch) {
  const documents = catalogDocuments();
  const manual = manualDocuments();
  const manualJudged = manualQueries(manual);
  const names = [...fieldNamesOf(readFields()).values()].flat();
  const keywords = documents.flatMap((d) => d.keywords);
  // Each variant is made twice: one index of the demo documents, one of the manual-style sections.
  const variants: [string, () => SearchEngine][] = [
    ['sqlite (ours)', () => sqliteEngine()],
    ['sqlite, ICU segmentation only', () => sqliteEngine([])],
    ['meilisearch (ours)', () => meiliEngine(server)],
    ['meilisearch (ours), matchingStrategy frequency', () => meiliEngine(server, { matchingStrategy: 'frequency' })],
    ['meilisearch (ours) + whole field names and keywords in dictionary', () => meiliEngine(server, { dictionary: [...words, ...names, ...keywords] })],
    ['meilisearch, default settings (baseline)', () => meiliEngine(server, { baseline: true })],
  ];
  const reports: [string, QualityReport][] = [];
  const demoEngines: SearchEngine[] = [];
  for (const [name, make] of variants) {
    const perQuery = [];
    for (const [corpus, judged] of [[documents, queries], [manual, manualJudged]] as const) {
      const engine = make();
      await engine.prepare();
      await engine.replaceAll(corpus);
      perQuery.push(...(await evaluate(engine, judged)));
      if (corpus === documents) demoEngines.push(engine);
    }
    reports.push([name, summarize(perQuery)]);
  }
  const baseline = reports.at(-1)![1];
  const tags = Object.keys(baseline.byTag);
  say(`## Quality: ${queries.length} judged queries over the ${documents.length} demo documents, ${manualJudged.length} over ${manual.length} manual-style sections`);
  say();
  say('The manual-style sections (`manual.ts`) are one per field, about 3,000 characters of the manual\'s sentences naming the field ' +
    'inside the text as the manual does (สาขาวิชาเทคโนโลยีการต่อเรือ); their queries (tag `manual`) are words inside field names.');
  say();
  say(`| engine | recall@10 | MRR | recall / baseline | ${tags.map((t) => `${t} (${baseline.byTag[t]!.queries})`).join(' | ')} |`);
  say(`|---|---|---|---|${tags.map(() => '---').join('|')}|`);
  for (const [name, r] of reports) {
    say(`| ${name} | ${f(r.recall, 3)} | ${f(r.mrr, 3)} | ${f(r.recall / baseline.recall, 2)} | ${tags.map((t) => f(r.byTag[t]!.recall, 2)).join(' | ')} |`);
  }
  say();
  say('Per-tag columns are recall@10 on the queries with that tag. Queries below recall 1 for the two chosen engines:');
  say();
  for (const [name, r] of reports.filter(([n]) => n.endsWith('(ours)'))) {
    const missed = r.perQuery.filter((p) => p.recall < 1).map((p) => `${p.q} ${f(p.recall, 2)}`);
    say(`- ${name}: ${missed.join(', ') || 'none'}`);
  }
  const worse = reports
    .filter(([n]) => n === 'meilisearch (ours)')
    .flatMap(([, r]) => tags.filter((t) => r.byTag[t]!.recall < baseline.byTag[t]!.recall));
  say();
  say(`Tags where our Meilisearch settings find less than the defaults: ${worse.join(', ') || 'none'}.`);
  const ours = demoEngines[2] as ReturnType<typeof meiliEngine>;
  const base = demoEngines.at(-1) as ReturnType<typeof meiliEngine>;
  const cutOurs = await cutHighlights(ours, queries);
  const cutBase = await cutHighlights(base, queries);
  say();
  say('### charabia #371 (Thai tokens lose a final ุ ู ์)');
  say();
  say(`- Highlighted words ending in ุ ู ์ whose mark Meilisearch left outside the highlight: ours ${cutOurs.cut}/${cutOurs.words}, baseline ${cutBase.cut}/${cutBase.words}. ` +
    '`segments()` in search/engines/meilisearch.ts moves such marks back into the match, so pages show whole words.');
  const finalMark = (r: QualityReport) => r.byTag['final-mark'];
  say(`- Recall@10 on the ${finalMark(baseline)!.queries} queries with such words: ` +
    reports.map(([n, r]) => `${n} ${f(finalMark(r)!.recall, 2)}`).join('; ') + '.');
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function latency(server: RunningMeilisearch) {
  say();
  say(`## Latency and indexing: generated documents, ${runs} runs, medians`);
  say();
  say('Each run: every judged query 3 times (search with facet counts, 10 hits) and a 3–4 character prefix of each as a suggestion.');
  say();
  say('| documents | engine | index docs/s | search p50 ms | search p95 ms | suggest p95 ms | p95 / baseline | docs/s / baseline |');
  say('|---|---|---|---|---|---|---|---|');
  for (const size of sizes) {
    const engines: [key: string, name: string, make: () => SearchEngine][] = [
      ['sqlite', 'sqlite', () => sqliteEngine()],
      ['meilisearch', 'meilisearch', () => meiliEngine(server)],
      ['baseline', 'meilisearch defaults (baseline)', () => meiliEngine(server, { baseline: true, facets: true })],
    ];
    const rows: { name: string; rate: number; p50: number; p95: number; s95: number }[] = [];
    for (const [, name, make] of engines.filter(([key]) => measured.has(key))) {
      const engine = make();
      await engine.prepare();
      // Generated again for each engine (the same seed, so the same documents) and let go before searching: a server
      // does not hold its whole catalog in memory while it answers, and 100,000 documents made every collection slow.
      let documents: SearchDocument[] | undefined = generateDocuments(size);
      const ms = await timed(() => engine.replaceAll(documents!));
      documents = undefined;
      const rate = size / (ms / 1000);
      await Promise.all(queries.slice(0, 10).map((q) => engine.search({ q: q.q })));
      const p50s: number[] = [];
      const p95s: number[] = [];
      const s95s: number[] = [];
      for (let run = 0; run < runs; run++) {
        const samples: number[] = [];
        const suggestSamples: number[] = [];
        for (let pass = 0; pass < 3; pass++) {
          for (const q of queries) samples.push(await timed(() => engine.search({ q: q.q })));
        }
        for (const q of queries) suggestSamples.push(await timed(() => engine.suggest(q.q.slice(0, q.q.length > 4 ? 4 : 3))));
        p50s.push(percentile(samples, 50));
        p95s.push(percentile(samples, 95));
        s95s.push(percentile(suggestSamples, 95));
      }
      rows.push({ name, rate, p50: median(p50s), p95: median(p95s), s95: median(s95s) });
      if (name !== 'sqlite') {
        const e = engine as ReturnType<typeof meiliEngine>;
        await e.client.deleteIndex(e.indexUid).waitTask({ timeout: 600_000 });
      }
    }
    const base = rows.find((r) => r.name.includes('baseline'));
    for (const r of rows) {
      const ratios = base ? `${f(r.p95 / base.p95, 2)} | ${f(r.rate / base.rate, 2)}` : '– | –';
      say(`| ${size.toLocaleString('en')} | ${r.name} | ${Math.round(r.rate)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.s95)} | ${ratios} |`);
    }
  }
}

const server = await startMeilisearch({ maxIndexingMemory: '2 GiB' });
try {
  say('# Search benchmark');
  say();
  say(`Command: \`npm run bench:search${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Meilisearch 1.21.0 (2 indexing threads), ${new Date().toISOString().slice(0, 10)}.`);
  say();
  if (!values['skip-quality']) await quality(server);
  if (!values['skip-latency']) await latency(server);
} finally {
  await server.stop();
  dir.remove();
}
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${lines.join('\n')}\n`);
console.error(`written to ${values.out}`);
