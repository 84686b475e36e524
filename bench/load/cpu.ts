// CPU time per request of each kind in the load mix (bench/load/run.ts), one request at a time: a figure that does not
// depend on how busy the machine is, unlike the latencies under load. The built handler runs in this process behind
// the site server (src/server/http/site-server.ts), on a copy of the cached load database (setup.ts), so the figure
// includes the client's fetch (the first line, /healthz, shows that floor). Prints a table; writes nothing.
// Usage: node bench/load/cpu.ts [--items 2000] [--learners 2000] [--requests 20]
import { parseArgs } from 'node:util';
import { tempDir } from '../../tests/helpers/server.ts';
import { downloadPathOf, mix, progressReport, type MixEntry } from './mix.ts';
import { copySetup, loadSetup } from './setup.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '2000' },
    learners: { type: 'string', default: '2000' },
    requests: { type: 'string', default: '20' },
    'no-meilisearch': { type: 'boolean', default: false },
  },
});
const setup = await loadSetup({ items: Number(values.items), learners: Number(values.learners), meilisearch: !values['no-meilisearch'] });
const work = tempDir('ic-bench-load-cpu-');
const { databasePath } = copySetup({ ...setup, meilisearchDataDir: undefined }, work.path);
// The server's settings are read when its modules load: set first. No Meilisearch: searches use the embedded index.
Object.assign(process.env, { DATABASE_PATH: databasePath, UPLOADS_DIR: `${work.path}/uploads`, NODE_ENV: 'test', DEMO_NETWORK: '0', ASTRO_NODE_AUTOSTART: 'disabled' });
delete process.env.MEILISEARCH_URL;
const { createSiteServer } = await import('../../src/server/http/site-server.ts');
const { handler } = (await import(new URL('../../dist/server/entry.mjs', import.meta.url).href)) as { handler: Parameters<typeof createSiteServer>[0] };
const server = createSiteServer(handler);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
// The access log would fill the terminal: one JSON line per request.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (String(chunk).startsWith('{"time"') ? true : write(chunk, ...rest))) as typeof process.stdout.write;

const cookie = setup.cookies[0]!;
// Each address of the mix once (progress posts share one), after /healthz.
const entries: MixEntry[] = [{ kind: 'home', path: '/healthz' }];
for (const entry of mix(await downloadPathOf(url), setup.lessons)) if (!entries.some((e) => e.path === entry.path)) entries.push(entry);
const n = Number(values.requests);
console.log(`${n} requests each, one at a time, ${values.items} items, ${values.learners} learners; CPU of this process (server and client)\n`);
console.log('| kind | address | status | CPU ms per request | wall ms per request |\n|---|---|---|---|---|');
try {
  for (const { kind, path, signedIn } of entries) {
    const once = async () => {
      const headers: Record<string, string> = { 'accept-encoding': 'br' };
      if (signedIn) headers.cookie = cookie;
      let body: string | undefined;
      if (kind === 'progress') {
        Object.assign(headers, { 'content-type': 'application/json', origin: url });
        body = progressReport(setup.runId, setup.lessons[1]!, 0.5);
      }
      const response = await fetch(url + path, { method: body ? 'POST' : 'GET', headers, body });
      await response.arrayBuffer();
      return response.status;
    };
    const status = await once();
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < n; i++) await once();
    const used = process.cpuUsage(cpu);
    console.log(`| ${path === '/healthz' ? 'floor' : kind} | \`${decodeURIComponent(path)}\` | ${status} | ${((used.user + used.system) / 1000 / n).toFixed(1)} | ${((performance.now() - started) / n).toFixed(1)} |`);
  }
} finally {
  server.close();
  work.remove();
}
process.exit(0);
