// Backups while the server runs: SQLite's online backup (a consistent copy, however many writes arrive meanwhile),
// then the uploads folder (items' files, editor media, uploaded H5P activities), into one dated .tar.gz with a
// manifest of every file's SHA-256. Restoring checks the manifest and the copy's integrity before touching anything,
// and keeps what it replaces.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { readTar, tarStream, type TarSource } from './tar.ts';

export interface BackupManifest {
  format: 'intelligent-center-backup/1';
  createdAt: string;
  database: { file: 'database.sqlite'; sha256: string; size: number };
  /** Every file under uploads/, with its SHA-256, in the order archived. */
  uploads: { path: string; size: number; sha256: string }[];
}

/**
 * Temporary names the server writes while a form streams or a package installs, and `.pending/` (files held between
 * an item form's preview and its save, gone within a day): never part of a backup.
 */
const inProgress = /^\.(incoming|installing)-|^\.pending$/;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Files under `root`, relative and '/'-separated, sorted; symbolic links and in-progress names are left out. */
export async function listFiles(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  async function walk(dir: string) {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (inProgress.test(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  }
  await walk(root);
  return out;
}

export function integrityCheck(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? 'no answer';
  } finally {
    db.close();
  }
}

const stamp = (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

/** `intelligent-center-backup-2026-12-02T12-30-00Z.tar.gz` in `outDir`, holding manifest.json, database.sqlite, uploads/. */
export async function createBackup(options: { databasePath: string; uploadsDir: string; outDir: string; now?: Date }): Promise<{ file: string; manifest: BackupManifest }> {
  const now = options.now ?? new Date();
  await mkdir(options.outDir, { recursive: true });
  const work = await mkdtemp(join(options.outDir, '.backup-'));
  try {
    // The online backup copies the database page by page between the server's writes; the copy is one consistent
    // moment, and the server never waits long (a step takes 1,000 pages, then yields).
    const databaseCopy = join(work, 'database.sqlite');
    const source = new Database(options.databasePath, { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      await source.backup(databaseCopy, { progress: () => 1000 });
    } finally {
      source.close();
    }
    const check = integrityCheck(databaseCopy);
    if (check !== 'ok') throw new Error(`the database copy failed its integrity check: ${check}`);
    // Files after the database: every file the copy refers to was written before it (files are committed with their
    // row), so the file set holds all of them, perhaps plus a few newer ones.
    const uploads: BackupManifest['uploads'] = [];
    for (const path of await listFiles(options.uploadsDir)) {
      const full = join(options.uploadsDir, path);
      uploads.push({ path, size: (await stat(full)).size, sha256: await sha256Of(full) });
    }
    const manifest: BackupManifest = {
      format: 'intelligent-center-backup/1',
      createdAt: now.toISOString(),
      database: { file: 'database.sqlite', sha256: await sha256Of(databaseCopy), size: (await stat(databaseCopy)).size },
      uploads,
    };
    const mtime = now;
    async function* entries(): AsyncGenerator<TarSource> {
      const json = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
      yield { name: 'manifest.json', type: 'file', size: json.length, mtime, data: json };
      yield { name: 'database.sqlite', type: 'file', size: manifest.database.size, mtime, path: databaseCopy };
      yield { name: 'uploads/', type: 'directory', size: 0, mtime };
      for (const file of uploads) yield { name: `uploads/${file.path}`, type: 'file', size: file.size, mtime, path: join(options.uploadsDir, file.path) };
    }
    const file = join(options.outDir, `intelligent-center-backup-${stamp(now)}.tar.gz`);
    const partial = `${file}.partial`;
    await pipeline(Readable.from(tarStream(entries())), createGzip(), createWriteStream(partial, { flags: 'wx' }));
    await rename(partial, file);
    return { file, manifest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Processes (other than this one) with `path` open, from /proc: a running server keeps its database open. */
export async function processesUsing(path: string): Promise<number[]> {
  if (!existsSync('/proc/self/fd')) return [];
  const targets = new Set<string>();
  for (const candidate of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(candidate)) targets.add(await realpath(candidate));
  if (targets.size === 0) return [];
  const found: number[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (targets.has(link)) {
        found.push(Number(pid));
        break;
      }
    }
  }
  return found;
}

/** A path from the archive, refused when it would land outside the folder it is restored into. */
function inside(root: string, name: string): string {
  const target = resolve(root, name);
  if (name.startsWith('/') || name.split('/').includes('..') || (target !== root && !target.startsWith(root + sep))) {
    throw new Error(`the archive names a path outside its folder: ${name}`);
  }
  return target;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the database and uploads it replaced were moved (absent when there were none). */
  kept: string[];
}

/**
 * Unpack `archive` beside the target, check every file against the manifest and the database's integrity, then put
 * the database at `databasePath` and the files at `uploadsDir`, moving what was there to `*.before-restore-<stamp>`.
 * Refuses while a process has the database open, unless `force` (then restart that server at once).
 */
export async function restoreBackup(options: { archive: string; databasePath: string; uploadsDir: string; force?: boolean; now?: Date }): Promise<RestoreResult> {
  const databasePath = resolve(options.databasePath);
  const uploadsDir = resolve(options.uploadsDir);
  const users = await processesUsing(databasePath);
  if (users.length > 0 && !options.force) {
    throw new Error(
      `${databasePath} is open in process ${users.join(', ')} (a running server?). Stop it first, or pass --force to replace the database under it (then restart it at once).`,
    );
  }
  // Unpacked beside where each part goes, so putting it in place is a rename even when data and uploads are on
  // different volumes.
  await mkdir(dirname(databasePath), { recursive: true });
  await mkdir(dirname(uploadsDir), { recursive: true });
  const work = await mkdtemp(join(dirname(databasePath), '.restore-'));
  const uploadsWork = await mkdtemp(join(dirname(uploadsDir), '.restore-uploads-'));
  try {
    let manifest: BackupManifest | undefined;
    const seen = new Map<string, string>();
    const gunzip = createGunzip();
    const reading = readTar(createReadStream(options.archive).pipe(gunzip) as AsyncIterable<Buffer>, async (entry, data) => {
      const target = entry.name.startsWith('uploads/') ? inside(uploadsWork, entry.name.slice('uploads/'.length)) : inside(work, entry.name);
      if (entry.type === 'directory') {
        await mkdir(target, { recursive: true });
        for await (const _ of data);
        return;
      }
      if (entry.name === 'manifest.json') {
        const chunks: Buffer[] = [];
        for await (const chunk of data) chunks.push(chunk);
        manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
        return;
      }
      await mkdir(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      async function* hashed() {
        for await (const chunk of data) {
          hash.update(chunk);
          yield chunk;
        }
      }
      await pipeline(Readable.from(hashed()), createWriteStream(target, { flags: 'wx' }));
      seen.set(entry.name, hash.digest('hex'));
    });
    await reading;
    if (manifest?.format !== 'intelligent-center-backup/1') throw new Error(`${basename(options.archive)} is not a backup of this site (no manifest.json)`);
    const expected = new Map([['database.sqlite', manifest.database.sha256], ...manifest.uploads.map((f) => [`uploads/${f.path}`, f.sha256] as [string, string])]);
    for (const [name, sha256] of expected) {
      if (seen.get(name) !== sha256) throw new Error(`${name} is ${seen.has(name) ? 'damaged (checksum differs)' : 'missing'} in the archive`);
    }
    for (const name of seen.keys()) if (!expected.has(name)) throw new Error(`${name} is in the archive but not in its manifest`);
    const check = integrityCheck(join(work, 'database.sqlite'));
    if (check !== 'ok') throw new Error(`the archived database failed its integrity check: ${check}`);

    const suffix = `.before-restore-${stamp(options.now ?? new Date())}`;
    const kept: string[] = [];
    for (const path of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, uploadsDir]) {
      if (await lstat(path).then(() => true, () => false)) {
        await rename(path, path + suffix);
        kept.push(path + suffix);
      }
    }
    await rename(join(work, 'database.sqlite'), databasePath);
    await rename(uploadsWork, uploadsDir);
    return { manifest, kept };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(uploadsWork, { recursive: true, force: true });
  }
}
