// The load benchmark's database: the demo site plus generated catalog items and learners (with enrollments, lesson
// progress and xAPI statements), indexed once, and kept between runs under the system's tmp dir keyed by the
// parameters, so a second run with the same ones starts in seconds instead of the tens of minutes a 100,000-item
// set-up takes on a shared machine. Never committed: it is a cache, rebuilt whenever its key changes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection.ts';
import { documentsVersion } from '../../search/documents.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { saveItems } from '../../src/server/catalog/store.ts';
import { readCourseOutline } from '../../src/server/courses/outline.ts';
import { openSearch, reindexCatalogIfChanged } from '../../src/server/search.ts';
import { startMeilisearch } from '../../tests/helpers/meilisearch.ts';
import { startServer } from '../../tests/helpers/server.ts';
import { generateItems } from '../catalog/generate.ts';

/** Raised when what the set-up writes changes, so older cached databases are not reused. */
const setupVersion = 2;
/** Signed-in connections share this many learners' sessions (one each up to it). */
const sessionCount = 1000;

export const loadCourse = 'solar-rooftop-installation-new-skill';

export interface LoadSetup {
  /** The cached database file (copy it before writing to it). */
  databasePath: string;
  /** Meilisearch's data directory holding the catalog index, when the set-up was made with Meilisearch. */
  meilisearchDataDir?: string;
  meilisearchKey: string;
  runId: number;
  /** `session=…` cookies of learners enrolled in the run. */
  cookies: string[];
  lessons: string[];
  /** Seconds each step took when the cache was made. */
  setupSeconds: Record<string, number>;
  cached: boolean;
}

const root = new URL('../../', import.meta.url).pathname;
const contentDir = join(root, 'content');
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Everything a cached database depends on: the parameters, the migrations, the search documents' code and this file's. */
function cacheKey(items: number, learners: number, meilisearch: boolean): string {
  const journal = readFileSync(join(root, 'db/migrations/meta/_journal.json'), 'utf8');
  const hash = createHash('sha256').update(journal).update(String(documentsVersion)).update(String(setupVersion)).digest('hex').slice(0, 12);
  return `items-${items}-learners-${learners}-${meilisearch ? 'meili' : 'embedded'}-${hash}`;
}

export function loadCacheDir(): string {
  return join(tmpdir(), 'ic-bench-load-cache');
}

/** The cached set-up for these parameters, made first when there is none. */
export async function loadSetup(options: { items: number; learners: number; meilisearch: boolean }): Promise<LoadSetup> {
  const dir = join(loadCacheDir(), cacheKey(options.items, options.learners, options.meilisearch));
  const manifest = join(dir, 'setup.json');
  if (existsSync(manifest)) {
    log(`reusing the cached set-up in ${dir}`);
    return { ...(JSON.parse(readFileSync(manifest, 'utf8')) as Omit<LoadSetup, 'cached'>), cached: true };
  }
  // Built beside the final place and renamed into it at the end, so an interrupted set-up is never taken for a cache.
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    const made = await build(building, options);
    writeFileSync(join(building, 'setup.json'), JSON.stringify({ ...made, databasePath: join(dir, 'load.db'), meilisearchDataDir: made.meilisearchDataDir && join(dir, 'meilisearch') }));
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  return { ...(JSON.parse(readFileSync(manifest, 'utf8')) as Omit<LoadSetup, 'cached'>), cached: false };
}

async function build(dir: string, options: { items: number; learners: number; meilisearch: boolean }): Promise<Omit<LoadSetup, 'cached'>> {
  const databasePath = join(dir, 'load.db');
  const setupSeconds: Record<string, number> = {};
  const timed = async <T>(name: string, step: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await step();
    setupSeconds[name] = (performance.now() - start) / 1000;
    log(`  ${name}: ${setupSeconds[name].toFixed(1)} s`);
    return result;
  };

  // A first start of the real launcher migrates the new database and writes the demo content, users and courses.
  log('preparing the demo site (a first start of the server)');
  await timed('demo site', async () => (await startServer({ databasePath, startTimeoutMs: 600_000 })).stop());

  const db = openDatabase(databasePath);
  const lessons = readCourseOutline(contentDir, loadCourse)!.lessons.map((l) => l.slug);
  log(`saving ${options.items} generated catalog items`);
  // The store's own write path: one transaction, sorting indexes dropped and built once after (≥ bulkWriteSize).
  await timed('items', () => void saveItems(db, generateItems(options.items, contentDir)));

  log(`adding ${options.learners} learners with enrollments, progress and statements`);
  const { runId, cookies } = await timed('learners', () => addLearners(db, options.learners, lessons));

  // The embedded index here, through the launcher's own function (so it records the catalog key and the server finds
  // it current at start), while a Meilisearch in its own process fills its index from the search CLI: both at once.
  const key = `load-bench-master-key-${Math.random().toString(36).slice(2)}-0123456789`;
  const meilisearchDataDir = options.meilisearch ? join(dir, 'meilisearch') : undefined;
  const meilisearch = meilisearchDataDir ? await startMeilisearch({ maxIndexingMemory: '2 GiB', dataDir: meilisearchDataDir, key }) : undefined;
  try {
    log(`indexing the catalog (embedded index${meilisearch ? ' and Meilisearch, side by side' : ''})`);
    const meilisearchFilled = meilisearch ? timed('Meilisearch index', () => fillMeilisearch(databasePath, meilisearch.url, key)) : Promise.resolve();
    // Let the CLI read the catalog before this process's indexing competes with it for the database.
    await timed('embedded index', async () => {
      const search = openSearch(db, contentDir);
      await reindexCatalogIfChanged(search, db, contentDir);
      await search.close();
    });
    await meilisearchFilled;
  } finally {
    await meilisearch?.stop();
  }
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  return { databasePath, meilisearchDataDir, meilisearchKey: key, runId, cookies, lessons, setupSeconds };
}

/** The search CLI's Meilisearch rebuild (the operators' `search:reindex`), in a child process. */
function fillMeilisearch(databasePath: string, url: string, key: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, ['search/cli.ts', 'reindex', '--engine', 'meilisearch'], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: 'test', MEILISEARCH_URL: url, MEILISEARCH_KEY: key },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Meilisearch reindex failed (${code}):\n${output}`))));
  });
}

/**
 * `count` learners enrolled in one open run of the course, each with progress in some lessons and a few xAPI
 * statements and results, written with prepared statements in one transaction (no password: each signed-in
 * connection gets a session).
 */
function addLearners(db: ReturnType<typeof openDatabase>, count: number, lessons: string[]): { runId: number; cookies: string[] } {
  const sqlite = db.$client;
  const now = Date.now();
  const day = 86_400_000;
  const insert = {
    run: sqlite.prepare(
      `insert into course_runs (course_slug, code, starts_on, ends_on, enroll_opens_at, enroll_closes_at, capacity, mode, college)
       values (?, 'load', ?, ?, ?, ?, ?, 'online', 'วิทยาลัยเทคนิคทดสอบ') returning id`,
    ).pluck(),
    user: sqlite.prepare(
      `insert into users (email, password_hash, role, name_th, student_level, email_verified_at) values (?, 'x', 'student', ?, 'vc', ?) returning id`,
    ).pluck(),
    enrollment: sqlite.prepare(`insert into enrollments (run_id, user_id, status, queued_at, enrolled_at, last_lesson) values (?, ?, 'enrolled', ?, ?, ?)`),
    progress: sqlite.prepare(`insert into lesson_progress (run_id, user_id, lesson, position, opened_at, completed_at) values (?, ?, ?, ?, ?, ?)`),
    received: sqlite.prepare(`insert into received_events (id, user_id, kind, received_at) values (?, ?, ?, ?)`),
    statement: sqlite.prepare(
      `insert into activity_statements (id, run_id, user_id, activity, verb, score_scaled, success, statement, stored_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    result: sqlite.prepare(`insert into activity_results (run_id, user_id, activity, best_score, passed, attempts, updated_at) values (?, ?, ?, ?, ?, ?, ?)`),
  };
  let runId = 0;
  const ids: number[] = [];
  sqlite.transaction(() => {
    runId = insert.run.get(loadCourse, now - day, now + 30 * day, now - day, now + day, count) as number;
    for (let i = 0; i < count; i++) {
      const id = insert.user.get(`load-${i}@bench.example`, `ผู้เรียน ${i}`, now) as number;
      ids.push(id);
      const reached = i % (lessons.length + 1);
      insert.enrollment.run(runId, id, now - day, now - day, lessons[Math.max(0, reached - 1)] ?? null);
      for (let l = 0; l < reached; l++) {
        const done = l < reached - 1;
        insert.progress.run(runId, id, lessons[l], done ? 1 : 0.4, now - day + l * 60_000, done ? now - day + l * 60_000 + 30_000 : null);
        const eventId = crypto.randomUUID();
        insert.received.run(eventId, id, 'progress', now - day + l * 60_000);
      }
      // Two attempts at the course's quiz for half the learners: the statements a learner's H5P activity sends.
      if (i % 2 === 0) {
        for (let attempt = 0; attempt < 2; attempt++) {
          const statementId = crypto.randomUUID();
          const score = (50 + ((i + attempt * 37) % 50)) / 100;
          const statement = {
            id: statementId,
            actor: { account: { homePage: 'https://bench.example', name: String(id) } },
            verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
            object: { id: `https://bench.example/h5p/${loadCourse}-quiz` },
            result: { score: { scaled: score }, success: score >= 0.6 },
          };
          insert.received.run(statementId, id, 'statement', now - day + attempt * 600_000);
          insert.statement.run(statementId, runId, id, `${loadCourse}-quiz`, 'answered', score, score >= 0.6 ? 1 : 0, JSON.stringify(statement), now - day + attempt * 600_000);
        }
        insert.result.run(runId, id, `${loadCourse}-quiz`, (50 + ((i + 37) % 50)) / 100, 1, 2, now - day);
      }
    }
  })();
  const cookies = ids.slice(0, sessionCount).map((id) => `session=${createSession(db, id).token}`);
  return { runId, cookies };
}

/** A working copy of the cached set-up for one run (the run writes progress and download counts). */
export function copySetup(setup: LoadSetup, into: string): { databasePath: string; meilisearchDataDir?: string } {
  const databasePath = join(into, 'load.db');
  cpSync(setup.databasePath, databasePath);
  const meilisearchDataDir = setup.meilisearchDataDir && join(into, 'meilisearch');
  if (setup.meilisearchDataDir) cpSync(setup.meilisearchDataDir, meilisearchDataDir!, { recursive: true });
  return { databasePath, meilisearchDataDir };
}
