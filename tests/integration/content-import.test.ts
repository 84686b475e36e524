import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { importFile } from '../../src/server/catalog/import.ts';
import { contentDir } from '../helpers/content.ts';
import { tempDir } from '../helpers/server.ts';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function freshDb() {
  const dir = tempDir('ic-import-');
  dirs.push(dir);
  const db = openDatabase(join(dir.path, 'import.db'));
  migrateDatabase(db);
  return { db, dir: dir.path };
}

const rows = (db: ReturnType<typeof freshDb>['db']) =>
  db.$client.prepare('select type, slug, json(data) as data, body from catalog_items order by slug').all() as { type: string; slug: string; data: string; body: string }[];

describe('content:import', () => {
  it('imports the good rows of a CSV and reports every bad row with its reasons', () => {
    const { db } = freshDb();
    const report = importFile(db, 'experts', join(fixtures, 'experts.csv'), { contentDir });
    expect(report.imported).toBe(1);
    expect(report.problems.map((p) => p.row)).toEqual([3, 4]);
    expect(report.problems[0]!.messages).toEqual(['contact.email: Invalid email address']);
    expect(report.problems[1]!.messages.join('\n')).toMatch(/organizationType[\s\S]*expertise[\s\S]*published: a date such as[\s\S]*unknown field of excellence "no-such-field"/);
    const [stored] = rows(db);
    expect(stored).toMatchObject({ type: 'experts', slug: 'somsak-plc', body: 'ผู้เชี่ยวชาญด้านระบบควบคุมในโรงงาน' });
    expect(JSON.parse(stored!.data)).toMatchObject({
      expertise: ['PLC', 'SCADA', 'ระบบควบคุมอัตโนมัติ'],
      contact: { email: 'somsak@example.com', phone: '0-3800-0000' },
      fields: ['electrical-technology', 'mechatronics-and-robotics'],
    });
    db.$client.close();
  });

  it('imports JSON, replaces items by slug when run again, and writes nothing on a dry run', () => {
    const { db, dir } = freshDb();
    const book = { slug: 'dc-circuits', titleTh: 'วงจรไฟฟ้ากระแสตรง', authors: ['นายทดสอบ'], summary: 'พื้นฐานวงจร', levels: ['vc'], language: 'th', publisher: 'วิทยาลัยเทคนิคสระบุรี', year: 2568, licence: 'CC BY 4.0', fields: ['electrical-technology'], published: '2026-05-01' };
    const file = join(dir, 'books.json');
    writeFileSync(file, JSON.stringify([book]));
    expect(importFile(db, 'ebooks', file, { contentDir, dryRun: true })).toMatchObject({ valid: 1, imported: 0, problems: [] });
    expect(rows(db)).toEqual([]);
    importFile(db, 'ebooks', file, { contentDir });
    writeFileSync(file, JSON.stringify([{ ...book, titleTh: 'วงจรไฟฟ้ากระแสตรง ฉบับปรับปรุง' }]));
    importFile(db, 'ebooks', file, { contentDir });
    const all = rows(db);
    expect(all).toHaveLength(1);
    expect(JSON.parse(all[0]!.data).titleTh).toBe('วงจรไฟฟ้ากระแสตรง ฉบับปรับปรุง');
    db.$client.close();
  });

  it('runs as a CLI that exits 1 when rows were bad and 2 on a wrong call', () => {
    const { dir } = freshDb();
    const env = { ...process.env, DATABASE_PATH: join(dir, 'cli.db') };
    const run = (args: string[]) => spawnSync(process.execPath, ['src/server/cli/content-import.ts', ...args], { env, encoding: 'utf8', cwd: new URL('../../', import.meta.url).pathname });
    const result = run(['--type', 'experts', join(fixtures, 'experts.csv')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('imported 1 experts; 2 bad rows');
    expect(result.stdout).toContain('search index updated with 1 items');
    expect(result.stderr).toContain('row 3:');
    // The imported item is findable at once: its document was added to the index, not left for a rebuild.
    const db = openDatabase(join(dir, 'cli.db'));
    expect(db.$client.prepare("select id from search_documents where id like 'experts/%'").pluck().all()).toEqual(['experts/somsak-plc']);
    db.$client.close();
    expect(run(['--type', 'books', 'x.csv']).status).toBe(2);
    expect(run(['--type', 'experts', join(dir, 'missing.csv')]).stderr).toContain('could not import');
  });
});
