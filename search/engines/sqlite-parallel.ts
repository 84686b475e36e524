// A full build of the embedded index on two cores: a worker thread fills the trigram table (search_text) in a scratch
// database file of its own while the calling thread writes the other tables into the site database; the worker's
// finished FTS5 shadow tables are then copied in, in the same transaction as the rest (docs/decisions/028).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** The trigram table's definition, the same in the site database and in the worker's scratch file. */
export const trigramTableSql = `create virtual table if not exists search_text using fts5 (
  title, keywords, body,
  tokenize = 'trigram', content = '', contentless_delete = 1
)`;

/**
 * The FTS5 shadow tables that hold the trigram table's index: `_data` (segments and the structure record), `_idx`
 * (segment page index), `_docsize` (each row's token counts and, with contentless_delete, its origin). `_config` is
 * written by the table's creation and is the same in both files.
 */
export const trigramShadowTables = ['search_text_data', 'search_text_idx', 'search_text_docsize'];

/** Thread CPU time in microseconds (user + system). */
export type ThreadCpu = { user: number; system: number };

export type WorkerReport = { ok: true; rows: number; cpu: ThreadCpu } | { ok: false; error: string; cpu: ThreadCpu };

// The worker's code, run from source text (`eval`) so it works the same from these .ts files and from the server
// bundle, which has no separate file to start. Modules through process.getBuiltinModule, not `require`: the bundler
// renames `require` to a helper of its own, which the worker's source would not have.
function trigramWorker() {
  const { workerData } = process.getBuiltinModule('node:worker_threads');
  const { sqlite, path, port, reportPort, signal } = workerData;
  const state = new Int32Array(signal);
  const done = (report: unknown) => {
    reportPort.postMessage(report);
    Atomics.store(state, 0, 1);
    Atomics.notify(state, 0);
  };
  let db: import('better-sqlite3').Database | undefined;
  let insert: import('better-sqlite3').Statement | undefined;
  let rows = 0;
  try {
    const Database = process.getBuiltinModule('node:module').createRequire(sqlite)(sqlite);
    db = new Database(path);
    // A scratch file, deleted after the copy: no journal, no syncs. Its table is there already (see startTrigramBuild).
    db!.pragma('journal_mode = off');
    db!.pragma('synchronous = off');
    db!.exec('begin');
    insert = db!.prepare('insert into search_text (rowid, title, keywords, body) values (?, ?, ?, ?)');
  } catch (error) {
    done({ ok: false, error: String(error), cpu: process.threadCpuUsage() });
    return;
  }
  port.on('message', (batch: unknown[] | null) => {
    try {
      if (batch === null) {
        db!.exec('commit');
        db!.close();
        done({ ok: true, rows, cpu: process.threadCpuUsage() });
        port.close();
        return;
      }
      for (let i = 0; i < batch.length; i += 4) insert!.run(batch[i], batch[i + 1], batch[i + 2], batch[i + 3]);
      rows += batch.length / 4;
      Atomics.add(state, 1, 1);
      Atomics.notify(state, 1);
    } catch (error) {
      done({ ok: false, error: String(error), cpu: process.threadCpuUsage() });
      port.close();
    }
  });
}

const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3');

/** Rows sent to the worker per message: large enough that messaging costs little, small enough that it starts early. */
const batchRows = 500;
/**
 * Batches sent but not yet written by the worker, at most: past it this thread waits, so a worker that falls behind
 * (a busy machine) holds a few megabytes of queued text rather than the whole catalog's.
 */
const maxQueuedBatches = 16;

export interface TrigramBuild {
  /** The scratch file the worker writes, for `attach`. */
  readonly path: string;
  /** Queue one row for the worker (sent in batches). */
  add(rowid: number, title: string, keywords: string, body: string): void;
  /**
   * No more rows: wait (blocking this thread, which is inside a synchronous transaction) until the worker committed its
   * file or failed, at most `timeoutMs`.
   */
  finish(timeoutMs: number): WorkerReport;
  /** Stop the worker and delete the scratch file. */
  dispose(): Promise<void>;
}

/** Is a process of this id running (one that left a scratch directory behind when it died is not)? */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Start a worker building the trigram table into a scratch file in a directory beside `databasePath` (on the disk
 * that holds the index anyway: about 3 KB a document, 320 MB at 100,000), `<database>-search-build-<pid>-XXXXXX`,
 * removed after the copy; one left by a process that died is removed here.
 */
export function startTrigramBuild(databasePath: string): TrigramBuild {
  const parent = dirname(databasePath);
  const prefix = `${basename(databasePath)}-search-build-`;
  for (const name of readdirSync(parent)) {
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (name.startsWith(prefix) && pid && pid !== process.pid && !running(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(parent, `${prefix}${process.pid}-`));
  const path = join(dir, 'search-text.db');
  // The table is created here, before the caller attaches the file, so the attached schema never changes under the
  // reindex's transaction (the worker only adds rows): SQLite then has no schema to reload in the middle of it.
  const scratch = new Database(path);
  try {
    scratch.exec(trigramTableSql);
  } finally {
    scratch.close();
  }
  // [0]: 1 once the worker reported (done or failed); [1]: batches it has written.
  const signal = new SharedArrayBuffer(8);
  const state = new Int32Array(signal);
  let sent = 0;
  const { port1: reports, port2: workerReports } = new MessageChannel();
  const { port1: rows, port2: workerRows } = new MessageChannel();
  // The worker reads rows from one port and reports on another, which this thread reads synchronously after waiting.
  const worker = new Worker(`(${trigramWorker.toString()})()`, {
    eval: true,
    workerData: { sqlite: sqliteModule, path, port: workerRows, reportPort: workerReports, signal },
    transferList: [workerRows, workerReports],
  });
  worker.unref();
  let pending: unknown[] = [];
  const flush = () => {
    // A worker that already reported has failed: nothing reads these, and the caller writes every row itself.
    if (!pending.length || Atomics.load(state, 0) !== 0) return void (pending = []);
    // Not forever: a worker that writes nothing for a minute is left to finish()'s time limit.
    for (let written = Atomics.load(state, 1); sent - written >= maxQueuedBatches && Atomics.load(state, 0) === 0; written = Atomics.load(state, 1)) {
      if (Atomics.wait(state, 1, written, 60_000) === 'timed-out') break;
    }
    rows.postMessage(pending);
    sent++;
    pending = [];
  };
  return {
    path,
    add(rowid, title, keywords, body) {
      pending.push(rowid, title, keywords, body);
      if (pending.length >= batchRows * 4) flush();
    },
    finish(timeoutMs) {
      flush();
      rows.postMessage(null);
      if (Atomics.wait(state, 0, 0, timeoutMs) === 'timed-out') {
        return { ok: false, error: `no answer within ${timeoutMs} ms`, cpu: { user: 0, system: 0 } };
      }
      const report = receiveMessageOnPort(reports as MessagePort);
      return (report?.message as WorkerReport | undefined) ?? { ok: false, error: 'no report', cpu: { user: 0, system: 0 } };
    },
    async dispose() {
      rows.close();
      reports.close();
      await worker.terminate();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
