import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { storeUpload, UploadRejected } from '../../src/server/catalog/uploads.ts';
import { tempDir } from '../helpers/server.ts';

const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function setup() {
  const dir = tempDir('ic-upload-');
  dirs.push(dir);
  const db = openDatabase(join(dir.path, 'uploads.db'));
  migrateDatabase(db);
  return { db, root: join(dir.path, 'uploads') };
}

const pdfBytes = () => new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(5000)}\n%%EOF\n`);

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'stored';
  } catch (error) {
    return error instanceof UploadRejected ? error.problem : String(error);
  }
}

describe('storing uploads', () => {
  it('stores a PDF under a content-derived name and records it', async () => {
    const { db, root } = setup();
    const stored = await storeUpload(db, new File([pdfBytes()], '../คู่มือ PLC.pdf'), { maxBytes: 1_000_000, root });
    expect(stored.originalName).toBe('คู่มือ PLC.pdf');
    expect(stored.path).toMatch(/^uploads\/[0-9a-f]{16}-[0-9a-f]{8}\.pdf$/);
    expect(readFileSync(join(root, stored.path.slice('uploads/'.length)))).toEqual(Buffer.from(pdfBytes()));
    const row = db.$client.prepare('select original_name, size, sha256, content_type from uploaded_files').get();
    expect(row).toEqual({ original_name: 'คู่มือ PLC.pdf', size: pdfBytes().length, sha256: stored.sha256, content_type: 'application/pdf' });
    db.$client.close();
  });

  it('refuses oversized, unknown, mismatched and empty files, leaving nothing behind', async () => {
    const { db, root } = setup();
    expect(await rejection(storeUpload(db, new File([pdfBytes()], 'big.pdf'), { maxBytes: 100, root }))).toBe('too-large');
    expect(await rejection(storeUpload(db, new File(['MZ' + 'x'.repeat(100)], 'tool.pdf'), { maxBytes: 1e6, root }))).toBe('unknown-type');
    expect(await rejection(storeUpload(db, new File([pdfBytes()], 'book.exe'), { maxBytes: 1e6, root }))).toBe('type-mismatch');
    expect(await rejection(storeUpload(db, new File([], 'empty.pdf'), { maxBytes: 1e6, root }))).toBe('empty');
    expect(readdirSync(root)).toEqual([]);
    expect(db.$client.prepare('select count(*) as n from uploaded_files').get()).toEqual({ n: 0 });
    db.$client.close();
  });

  it('stops reading a stream that grows past the limit, even when the declared size lied', async () => {
    const { db, root } = setup();
    const chunks = [pdfBytes(), new Uint8Array(50_000), new Uint8Array(50_000)];
    const lying = Object.assign(new File(chunks, 'grows.pdf'), {});
    Object.defineProperty(lying, 'size', { value: 10 });
    expect(await rejection(storeUpload(db, lying, { maxBytes: 60_000, root }))).toBe('too-large');
    expect(readdirSync(root)).toEqual([]);
    db.$client.close();
  });
});
