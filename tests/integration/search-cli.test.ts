// The search CLI as operators and evaluators run it: index a JSONL corpus, query one and a batch, reindex the catalog.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMeilisearch, type RunningMeilisearch } from '../helpers/meilisearch.ts';
import { tempDir } from '../helpers/server.ts';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const dir = tempDir('ic-search-cli-');
let meilisearch: RunningMeilisearch;

const corpus = [
  { id: 'a', type: 'ebooks', fields: ['electrical-technology'], title: 'ช่างไฟฟ้ากำลัง', body: 'ติดตั้งไฟฟ้าในอาคาร', lang: 'th' },
  { id: 'b', type: 'ebooks', fields: ['mechanical-technology'], title: 'เครื่องยนต์ดีเซล', body: 'หัวฉีดคอมมอนเรล', lang: 'th' },
  { id: 'c', type: 'research', fields: ['hotel-management'], title: 'Work-based Learning in hotels', body: 'dual vocational training', lang: 'en' },
];

function cli(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['search/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: join(dir.path, 'cli.db'), MEILISEARCH_URL: '', MEILISEARCH_KEY: '', ...env },
  });
}

beforeAll(async () => {
  meilisearch = await startMeilisearch();
  writeFileSync(join(dir.path, 'docs.jsonl'), corpus.map((d) => JSON.stringify(d)).join('\n'));
  writeFileSync(join(dir.path, 'queries.jsonl'), ['{"id":"q1","q":"ไฟฟ้า"}', '{"id":"q2","q":"ดีเซล"}', '{"id":"q3","q":"WBL"}'].join('\n'));
});
afterAll(async () => {
  await meilisearch?.stop();
  dir.remove();
});

describe.each(['sqlite', 'meilisearch'])('search CLI with --engine %s', (engine) => {
  const env = (): Record<string, string> => (engine === 'meilisearch' ? { MEILISEARCH_URL: meilisearch.url, MEILISEARCH_KEY: meilisearch.key, MEILISEARCH_INDEX: 'cli' } : {});

  it('indexes a JSONL file, then answers a batch of queries with ids best first', async () => {
    const indexed = await cli(['index', '--jsonl', join(dir.path, 'docs.jsonl'), '--engine', engine], env());
    expect(indexed.stderr).toContain(`${engine}: indexed 3 documents`);
    const { stdout } = await cli(['query', '--jsonl', join(dir.path, 'queries.jsonl'), '--engine', engine], env());
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; hits: string[] });
    expect(lines).toEqual([
      { id: 'q1', hits: ['a'] },
      { id: 'q2', hits: ['b'] },
      { id: 'q3', hits: ['c'] },
    ]);
  });

  it('answers one query as JSON', async () => {
    const { stdout } = await cli(['query', 'เครื่องยนต์', '--json', '--engine', engine], env());
    expect(JSON.parse(stdout)).toMatchObject({ engine, total: 1, hits: [{ id: 'b' }] });
  });
});

describe('search CLI reindex', () => {
  it('rebuilds the embedded index from content/ and says how many documents', async () => {
    const { stderr } = await cli(['reindex']);
    expect(stderr).toMatch(/sqlite: indexed \d{2,} documents/);
    const { stdout } = await cli(['query', 'PLC', '--json']);
    expect(JSON.parse(stdout).total).toBeGreaterThan(0);
  });

  it('rejects a bad document with its line number', async () => {
    writeFileSync(join(dir.path, 'bad.jsonl'), '{"id":"x","type":"ebooks"}\n{"type":"ebooks"}\n');
    await expect(cli(['index', '--jsonl', join(dir.path, 'bad.jsonl'), '--engine', 'sqlite'])).rejects.toMatchObject({
      stderr: expect.stringContaining('bad.jsonl:2: id'),
    });
  });
});
