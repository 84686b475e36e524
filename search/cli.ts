// The search CLI for operators and evaluation: reindex the catalog, index a JSONL corpus, run one query or a batch.
// Usage: node search/cli.ts <reindex|index|query|no-results> [options]   (npm run search -- …)
import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { readEnv } from '../src/server/env.ts';
import { catalogDocuments } from './documents.ts';
import { createMeilisearchEngine } from './engines/meilisearch.ts';
import { createSqliteEngine } from './engines/sqlite.ts';
import { readSearchEnv } from './index.ts';
import { createSearchLog } from './log.ts';
import { Dictionary } from './text.ts';
import { searchDocumentSchema, type EngineName, type SearchDocument, type SearchEngine, type SearchResult } from './types.ts';
import { domainDictionaryWords } from './vocabulary.ts';

const usage = `usage: npm run search -- <command> [options]

  reindex                      rebuild the index from CONTENT_DIR and the database's catalog items
  index --jsonl FILE           replace what the index holds with the documents in FILE
                               (one JSON object a line: {id, type, fields[], title, body, lang, …})
  query "TEXT" [--json]        search; --type, --field, --level, --lang filter (repeatable); --page, --limit
  query --jsonl FILE           batch: lines {id, q} in, lines {id, hits: [document ids, best first]} out (top 10)
  no-results [--days N]        the searches that found nothing lately, most frequent first

  --engine meilisearch|sqlite  which engine (default: meilisearch when MEILISEARCH_URL is set, else sqlite);
                               reindex without --engine rebuilds every configured engine
  Meilisearch from MEILISEARCH_URL and MEILISEARCH_KEY, SQLite from DATABASE_PATH.`;

class UsageError extends Error {}

/** The application database, brought up to date first: the search log is a migrated table. */
function openMigrated(path: string) {
  const db = openDatabase(path);
  migrateDatabase(db);
  return db.$client;
}

function openEngines(requested: string | undefined) {
  const searchEnv = readSearchEnv();
  const { DATABASE_PATH } = readEnv();
  const database = openMigrated(DATABASE_PATH);
  const words = domainDictionaryWords();
  const make = (name: EngineName): SearchEngine => {
    if (name === 'sqlite') return createSqliteEngine({ database, dictionary: new Dictionary(words) });
    if (!searchEnv.MEILISEARCH_URL || !searchEnv.MEILISEARCH_KEY) throw new UsageError('--engine meilisearch needs MEILISEARCH_URL and MEILISEARCH_KEY');
    return createMeilisearchEngine({
      url: searchEnv.MEILISEARCH_URL,
      key: searchEnv.MEILISEARCH_KEY,
      index: searchEnv.MEILISEARCH_INDEX,
      dictionary: words,
      timeoutMs: 30_000,
      log: (m) => console.error(m),
    });
  };
  if (requested !== undefined && requested !== 'sqlite' && requested !== 'meilisearch') throw new UsageError(`unknown engine "${requested}"`);
  const configured: EngineName[] = searchEnv.MEILISEARCH_URL ? ['meilisearch', 'sqlite'] : ['sqlite'];
  return { database, engines: (requested ? [requested as EngineName] : configured).map(make) };
}

function readJsonl(path: string): SearchDocument[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new UsageError(`${path}:${i + 1}: not JSON`);
      }
      const parsed = searchDocumentSchema.safeParse(raw);
      if (!parsed.success) throw new UsageError(`${path}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return [parsed.data];
    });
}

const text = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

function printResult(result: SearchResult) {
  console.log(`${result.total} found by ${result.engine} in ${result.tookMs.toFixed(1)} ms${result.suggestion ? `; did you mean "${result.suggestion}"?` : ''}`);
  for (const hit of result.hits) console.log(`  ${hit.id}  ${hit.title}\n      ${text(hit.highlight.snippet).slice(0, 120)}`);
  for (const [facet, counts] of Object.entries(result.facets)) {
    console.log(`  ${facet}: ${Object.entries(counts).map(([v, n]) => `${v} ${n}`).join(', ')}`);
  }
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      engine: { type: 'string' },
      jsonl: { type: 'string' },
      json: { type: 'boolean', default: false },
      type: { type: 'string', multiple: true },
      field: { type: 'string', multiple: true },
      level: { type: 'string', multiple: true },
      lang: { type: 'string', multiple: true },
      page: { type: 'string' },
      limit: { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return;
  }

  if (command === 'reindex' || command === 'index') {
    const { database, engines } = openEngines(values.engine);
    let documents: SearchDocument[];
    if (command === 'index') {
      if (!values.jsonl) throw new UsageError('index needs --jsonl FILE');
      documents = readJsonl(values.jsonl);
    } else {
      documents = catalogDocuments({ database, root: `${resolve(readEnv().CONTENT_DIR)}/` });
    }
    for (const engine of engines) {
      const started = performance.now();
      await engine.prepare();
      await engine.replaceAll(documents);
      const seconds = (performance.now() - started) / 1000;
      console.error(`${engine.name}: indexed ${documents.length} documents in ${seconds.toFixed(1)} s (${Math.round(documents.length / seconds)}/s)`);
    }
    return;
  }

  if (command === 'query') {
    const { engines } = openEngines(values.engine);
    const engine = engines[0]!;
    if (values.jsonl) {
      const lines = createInterface({ input: createReadStream(values.jsonl), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line.trim()) continue;
        const { id, q } = JSON.parse(line) as { id: string; q: string };
        const result = await engine.search({ q, perPage: 10, facets: false });
        process.stdout.write(`${JSON.stringify({ id, hits: result.hits.map((h) => h.id) })}\n`);
      }
      return;
    }
    const q = rest.join(' ');
    const result = await engine.search({
      q,
      filters: { type: values.type, fields: values.field, levels: values.level, lang: values.lang },
      page: values.page ? Number(values.page) : 1,
      perPage: values.limit ? Number(values.limit) : 10,
    });
    if (values.json) console.log(JSON.stringify(result));
    else printResult(result);
    return;
  }

  if (command === 'no-results') {
    const log = createSearchLog(openMigrated(readEnv().DATABASE_PATH));
    const since = new Date(Date.now() - Number(values.days ?? 30) * 86_400_000);
    for (const row of log.searchesWithoutResults(since)) console.log(`${String(row.searches).padStart(6)}  ${row.query}`);
    return;
  }

  throw new UsageError(`unknown command "${command}"`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
  else console.error(error);
  process.exitCode = 1;
});
