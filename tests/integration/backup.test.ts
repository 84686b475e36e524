// `npm run backup` while the server takes writes, then `npm run restore`: the restored database is the archived one
// byte for byte, intact, with every write acknowledged before the backup began, and the files are the same files.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { signedInUser } from '../helpers/accounts.ts';
import { startServer, tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';
import { listFiles, type BackupManifest } from '../../src/server/ops/backup.ts';
import { readTar } from '../../src/server/ops/tar.ts';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const dir = tempDir('ic-backup-');
afterAll(() => dir.remove());
const uploadsDir = join(dir.path, 'uploads');
const app = useServer({ env: { UPLOADS_DIR: uploadsDir } });

/** An npm script's command, run as `npm run` runs it, with this environment. */
function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function itemForm(n: number): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    titleTh: `คู่มือสำรองข้อมูล ฉบับที่ ${n}`,
    titleEn: `Backup Load Item ${n}`,
    authors: 'นายสำรอง ข้อมูลดี',
    summary: 'เอกสารที่บันทึกระหว่างการสำรองข้อมูล',
    levels: 'hvc',
    language: 'th',
    publisher: 'วิทยาลัยเทคนิคชัยภูมิ',
    year: '2569',
    licence: 'CC BY-NC-SA 4.0',
    keywords: 'สำรองข้อมูล',
    fields: 'renewable-energy-technology',
    published: '2026-11-01',
    body: 'เนื้อหา',
    intent: 'save',
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('upload', new Blob([`%PDF-1.4\n${`สำรอง ${n} `.repeat(400 + n)}\n%%EOF\n`], { type: 'application/pdf' }), `backup-${n}.pdf`);
  return form;
}

describe('backup under write load, and restore', () => {
  it('restores an identical, intact database holding every acknowledged write, and the same files', async () => {
    const { cookie } = await signedInUser(app.db, { role: 'admin', email: 'backup-admin@example.ac.th' });
    const acknowledged: string[] = [];
    let next = 0;
    let stop = false;
    const failures: string[] = [];
    // Three admins' worth of saves at once, each a row and an uploaded file, until told to stop.
    const writers = Array.from({ length: 3 }, async () => {
      while (!stop) {
        const n = next++;
        const response = await fetch(`${app.server.url}/admin/items/new?type=ebooks`, { method: 'POST', body: itemForm(n), headers: { cookie, origin: app.server.url }, redirect: 'manual' });
        if (response.status === 303) acknowledged.push(`backup-load-item-${n}`);
        else failures.push(`${n}: ${response.status}`);
      }
    });
    while (acknowledged.length < 12) await new Promise((resolve) => setTimeout(resolve, 50));
    const beforeBackup = [...acknowledged];
    const backupDir = join(dir.path, 'backups');
    const backup = await run('src/server/cli/backup.ts', ['--out', backupDir], { DATABASE_PATH: app.server.databasePath, UPLOADS_DIR: uploadsDir });
    const duringBackup = acknowledged.length - beforeBackup.length;
    stop = true;
    await Promise.all(writers);
    expect(failures).toEqual([]);
    expect(backup.output).toContain('integrity ok');
    expect(backup.code).toBe(0);
    const [archiveName] = readdirSync(backupDir);
    expect(archiveName).toMatch(/^intelligent-center-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/);
    const archive = join(backupDir, archiveName!);

    // The server keeps its database: restoring over it is refused, and nothing is moved.
    const refused = await run('src/server/cli/restore.ts', [archive], { DATABASE_PATH: app.server.databasePath, UPLOADS_DIR: uploadsDir });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/restore refused: .* is open in process \d+/);
    expect(readdirSync(dir.path).filter((name) => name.includes('before-restore'))).toEqual([]);
    expect(readdirSync(join(app.server.databasePath, '..')).filter((name) => name.includes('before-restore'))).toEqual([]);

    const target = tempDir('ic-restored-');
    try {
      const restoredDb = join(target.path, 'restored.db');
      const restoredUploads = join(target.path, 'uploads');
      const restore = await run('src/server/cli/restore.ts', [archive], { DATABASE_PATH: restoredDb, UPLOADS_DIR: restoredUploads });
      expect(restore.output).toContain('restored the backup');
      expect(restore.code).toBe(0);

      // The archived database, byte for byte, and intact.
      const manifest = await readManifest(archive);
      expect(sha256(readFileSync(restoredDb))).toBe(manifest.database.sha256);
      const db = openDatabase(restoredDb);
      try {
        expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
        const slugs = (db.$client.prepare("select slug from catalog_items where slug like 'backup-load-item-%'").all() as { slug: string }[]).map((r) => r.slug);
        // Every save acknowledged before the backup began is there; nothing that was never acknowledged is.
        expect(slugs).toEqual(expect.arrayContaining(beforeBackup));
        expect(slugs.every((slug) => acknowledged.includes(slug))).toBe(true);
        expect(slugs.length).toBeLessThanOrEqual(beforeBackup.length + duringBackup);
        // Every file a restored item names is among the restored files.
        const named = (db.$client.prepare("select data from catalog_items where slug like 'backup-load-item-%'").all() as { data: string }[]).flatMap((r) =>
          [...r.data.matchAll(/"uploads\/([^"]+)"/g)].map((m) => m[1]!),
        );
        expect(named.length).toBe(slugs.length);
        const restoredFiles = await listFiles(restoredUploads);
        expect(restoredFiles).toEqual(expect.arrayContaining(named));
      } finally {
        db.$client.close();
      }

      // The same file set as archived, each file the same bytes as the server's own.
      const restoredFiles = await listFiles(restoredUploads);
      expect(restoredFiles).toEqual(manifest.uploads.map((f) => f.path));
      expect(restoredFiles.length).toBeGreaterThanOrEqual(beforeBackup.length);
      for (const path of restoredFiles) {
        expect(sha256(readFileSync(join(restoredUploads, path))), path).toBe(sha256(readFileSync(join(uploadsDir, path))));
      }

      // And a server started on it serves an item saved before the backup, with its file.
      const restored = await startServer({ databasePath: restoredDb, env: { UPLOADS_DIR: restoredUploads } });
      try {
        const slug = beforeBackup[0]!;
        const page = await (await fetch(`${restored.url}/library/ebooks/${slug}`)).text();
        const href = /href="(\/download\/ebooks\/[^"]+\.pdf)"/.exec(page)?.[1];
        expect(href).toBeDefined();
        const download = await fetch(restored.url + href);
        expect(download.status).toBe(200);
        expect((await download.text()).startsWith('%PDF-')).toBe(true);
      } finally {
        await restored.stop();
      }
    } finally {
      target.remove();
    }
  }, 180_000);
});

async function readManifest(archive: string): Promise<BackupManifest> {
  let manifest: BackupManifest | undefined;
  await readTar(createReadStream(archive).pipe(createGunzip()) as AsyncIterable<Buffer>, async (entry, data) => {
    const chunks: Buffer[] = [];
    for await (const chunk of data) chunks.push(chunk);
    if (entry.name === 'manifest.json') manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
  });
  return manifest!;
}
