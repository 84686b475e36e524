// Timing pages of a running server the way every page benchmark does: one request at a time over loopback, after
// warm-ups; p50 and p95 per run, and the median of those over runs.
import { openDatabase } from '../db/connection.ts';
import { insertUser } from '../db/seed.ts';
import { createSession } from '../src/server/auth/sessions.ts';
import type { RunningServer } from '../tests/helpers/server.ts';

export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
export const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

/** p50 and p95 (ms) of each path, medians over `runs`; a non-200 answer stops the benchmark. */
export async function timePages(
  server: RunningServer,
  paths: readonly string[],
  options: { requests: number; runs: number; warmups: number; headers?: Record<string, string> },
): Promise<Map<string, [number, number]>> {
  const result = new Map<string, [number, number]>();
  const get = (path: string) => fetch(server.url + path, { headers: options.headers ?? {} });
  for (const path of paths) {
    const p50s: number[] = [];
    const p95s: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      for (let i = 0; i < options.warmups; i++) await (await get(path)).text();
      const times: number[] = [];
      for (let i = 0; i < options.requests; i++) {
        const start = performance.now();
        const response = await get(path);
        await response.text();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      p50s.push(quantile(times, 0.5));
      p95s.push(quantile(times, 0.95));
    }
    result.set(path, [median(p50s), median(p95s)]);
  }
  return result;
}

/**
 * p50 and p95 (ms) of each series, medians over `runs`: one request of each series in turn, so every series meets the
 * same load from whatever else the machine runs (a page compared with its baseline minutes later would not).
 */
export async function timeAlternating(
  series: readonly { url: string; headers?: Record<string, string> }[],
  options: { requests: number; runs: number; warmups: number },
): Promise<[number, number][]> {
  const get = async ({ url, headers }: (typeof series)[number]) => {
    const response = await fetch(url, { headers: headers ?? {} });
    await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  };
  const p50s: number[][] = series.map(() => []);
  const p95s: number[][] = series.map(() => []);
  for (let run = 0; run < options.runs; run++) {
    for (let i = 0; i < options.warmups; i++) for (const one of series) await get(one);
    const times: number[][] = series.map(() => []);
    for (let i = 0; i < options.requests; i++) {
      for (const [s, one] of series.entries()) {
        const start = performance.now();
        await get(one);
        times[s]!.push(performance.now() - start);
      }
    }
    for (const [s, list] of times.entries()) {
      list.sort((a, b) => a - b);
      p50s[s]!.push(quantile(list, 0.5));
      p95s[s]!.push(quantile(list, 0.95));
    }
  }
  return series.map((_, s) => [median(p50s[s]!), median(p95s[s]!)]);
}

/** A session cookie for a new admin of the server's database (staff and report pages need one). */
export async function adminCookie(server: RunningServer): Promise<string> {
  const db = openDatabase(server.databasePath);
  const admin = await insertUser(db, { role: 'admin' });
  const { token } = createSession(db, admin.id);
  db.$client.close();
  return `session=${token}`;
}
