import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import {
  acceptedUploads,
  commitUploads,
  holdUpload,
  pendingUploadIds,
  pendingUploadLifetimeMs,
  pendingUploads,
  receiveUpload,
  releasePendingUploads,
  sweepPendingUploads,
  type AcceptedUpload,
  type ReceivedUpload,
} from '../../src/server/catalog/uploads.ts';
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

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

const receive = (root: string, name: string, maxBytes: number, ...parts: Uint8Array[]) => receiveUpload(chunks(...parts), name, { maxBytes, root });
const accepted = (upload: ReceivedUpload) => acceptedUploads([upload]) as AcceptedUpload[];
const uploadRows = (db: ReturnType<typeof openDatabase>) => db.$client.prepare('select count(*) as n from uploaded_files').get();

describe('receiving uploads', () => {
  it('stores a PDF under a content-derived name and records it when committed', async () => {
    const { db, root } = setup();
    const received = await receive(root, '../คู่มือ PLC.pdf', 1_000_000, pdfBytes());
    expect(received).toMatchObject({ originalName: 'คู่มือ PLC.pdf', size: pdfBytes().length });
    expect(readdirSync(root)).toEqual([expect.stringMatching(/^\.incoming-/)]);
    const [upload] = accepted(received);
    await commitUploads(db, [upload!], { root });
    expect(upload!.path).toMatch(/^uploads\/[0-9a-f]{16}-[0-9a-f]{8}\.pdf$/);
    expect(readdirSync(root)).toEqual([upload!.path.slice('uploads/'.length)]);
    expect(readFileSync(join(root, upload!.path.slice('uploads/'.length)))).toEqual(Buffer.from(pdfBytes()));
    const row = db.$client.prepare('select original_name, size, sha256, content_type from uploaded_files').get();
    expect(row).toEqual({ original_name: 'คู่มือ PLC.pdf', size: pdfBytes().length, sha256: upload!.sha256, content_type: 'application/pdf' });
    db.$client.close();
  });

  it('refuses oversized, unknown, mismatched and empty files, leaving nothing behind', async () => {
    const { db, root } = setup();
    expect((await receive(root, 'big.pdf', 100, pdfBytes())).problem).toBe('too-large');
    expect((await receive(root, 'tool.pdf', 1e6, new TextEncoder().encode('MZ' + 'x'.repeat(100)))).problem).toBe('unknown-type');
    expect((await receive(root, 'book.exe', 1e6, pdfBytes())).problem).toBe('type-mismatch');
    expect((await receive(root, 'tiny.exe', 1e6, new TextEncoder().encode('%PDF-1.7'))).problem).toBe('type-mismatch');
    expect((await receive(root, 'empty.pdf', 1e6)).problem).toBe('empty');
    expect(readdirSync(root)).toEqual([]);
    expect(uploadRows(db)).toEqual({ n: 0 });
    db.$client.close();
  });

  it('stops writing a stream that grows past the limit, and still reads it to its end', async () => {
    const { root } = setup();
    let read = 0;
    async function* growing() {
      for (const part of [pdfBytes(), new Uint8Array(50_000), new Uint8Array(50_000)]) {
        read += part.byteLength;
        yield part;
      }
    }
    expect((await receiveUpload(growing(), 'grows.pdf', { maxBytes: 60_000, root })).problem).toBe('too-large');
    expect(read).toBe(pdfBytes().length + 100_000);
    expect(readdirSync(root)).toEqual([]);
  });

  it('reads a file to its end even when it cannot be written, so the form after it can be read', async () => {
    const { root } = setup();
    writeFileSync(root, 'a file where the uploads folder should be');
    let read = 0;
    async function* counted() {
      for (const part of [pdfBytes(), pdfBytes()]) {
        read += part.byteLength;
        yield part;
      }
    }
    await expect(receiveUpload(counted(), 'a.pdf', { maxBytes: 1e6, root })).rejects.toThrow();
    expect(read).toBe(2 * pdfBytes().length);
  });

  it('keeps no file and no row when the save that goes with them fails', async () => {
    const { db, root } = setup();
    const uploads = [...accepted(await receive(root, 'a.pdf', 1e6, pdfBytes())), ...accepted(await receive(root, 'b.pdf', 1e6, pdfBytes()))];
    const failing = commitUploads(db, uploads, { root }, () => {
      throw new Error('the item could not be saved');
    });
    await expect(failing).rejects.toThrow('the item could not be saved');
    expect(readdirSync(root)).toEqual([]);
    expect(uploadRows(db)).toEqual({ n: 0 });
    db.$client.close();
  });
});

describe('uploads held across a preview', () => {
  it('keeps a file for its sender under an id, commits it on save and forgets it after', async () => {
    const { db, root } = setup();
    const [upload] = accepted(await receive(root, 'คู่มือ.pdf', 1e6, pdfBytes()));
    const held = await holdUpload(upload!, 7, { root });
    expect(held.id).toMatch(/^[0-9a-f]{32}$/);
    expect(readdirSync(root)).toEqual(['.pending']);
    expect(await pendingUploads([held.id], 8, { root })).toEqual([]);
    const [found] = await pendingUploads(pendingUploadIds([held.id, '../etc/passwd']), 7, { root });
    expect(found).toMatchObject({ id: held.id, originalName: 'คู่มือ.pdf', size: pdfBytes().length, path: upload!.path });

    await commitUploads(db, [found!], { root });
    await releasePendingUploads([held.id], { root });
    expect(readdirSync(join(root, '.pending'))).toEqual([]);
    expect(readFileSync(join(root, upload!.path.slice('uploads/'.length)))).toEqual(Buffer.from(pdfBytes()));
    expect(uploadRows(db)).toEqual({ n: 1 });
    db.$client.close();
  });

  it('lets a held file expire after a day and sweeps it away', async () => {
    const { db, root } = setup();
    const held = await holdUpload(accepted(await receive(root, 'a.pdf', 1e6, pdfBytes()))[0]!, 7, { root });
    const tomorrow = Date.now() + pendingUploadLifetimeMs + 60_000;
    expect(await pendingUploads([held.id], 7, { root, now: tomorrow })).toEqual([]);
    await sweepPendingUploads({ root, now: tomorrow });
    expect(readdirSync(join(root, '.pending'))).toEqual([]);
    db.$client.close();
  });
});
