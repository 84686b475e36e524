// How long `content:import` of N generated e-books takes on a prepared site database, search index included; then
// whether the next start (migrations, content sync, search check) is quick and finds the index current.
// Usage: node bench/catalog/import.ts [--items 100000] [--keep]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { tempDir } from '../../tests/helpers/server.ts';
import { generateItems } from './generate.ts';

const { values } = parseArgs({ options: { items: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false } } });
const items = Number(values.items);
const root = new URL('../../', import.meta.url).pathname;
const dir = tempDir('ic-bench-import-');
const env = { ...process.env, DATABASE_PATH: join(dir.path, 'import.db'), NODE_ENV: 'test', DEMO_NETWORK: '0' };

function run(what: string, args: string[]): { seconds: number; out: string } {
  const begin = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
  const seconds = (performance.now() - begin) / 1000;
  if (child.status !== 0) throw new Error(`${what} failed:\n${child.stdout}\n${child.stderr}`);
  return { seconds, out: child.stdout.trim().split('\n').join('; ') };
}

try {
  run('prepare', ['src/server/prepare-cli.ts']);
  const file = join(dir.path, 'ebooks.json');
  const ebooks = generateItems(items, join(root, 'content'), { seed: 7, types: ['ebooks'] }).map((item, i) => ({ ...item.data, slug: `import-${i}`, body: item.body }));
  writeFileSync(file, JSON.stringify(ebooks));
  const mb = Math.round(readFileSync(file).length / 2 ** 20);
  const imported = run('content:import', ['src/server/cli/content-import.ts', '--type', 'ebooks', file]);
  const db = new Database(env.DATABASE_PATH, { readonly: true });
  const indexed = db.prepare("select count(*) from search_documents where id like 'ebooks/import-%'").pluck().get() as number;
  db.close();
  if (indexed !== items) throw new Error(`the search index holds ${indexed} of the ${items} imported e-books`);
  const restart = run('start-up', ['src/server/prepare-cli.ts']);
  console.log(`content:import of ${items} e-books (${mb} MB of JSON): ${imported.seconds.toFixed(1)} s, ${indexed} found in the search index (${imported.out})`);
  console.log(`next start-up (prepare: migrations, content sync, search check): ${restart.seconds.toFixed(1)} s (${restart.out})`);
} finally {
  if (values.keep) console.log(`kept ${dir.path}`);
  else dir.remove();
}
