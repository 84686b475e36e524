// Security issue 8, items 3 and 11 (uploads): request bodies are capped by route and answered 413 at once, uploads
// stream to disk with flat memory, and a form whose files are not all accepted, or whose item cannot be saved,
// leaves no file and no row. Real HTTP (raw sockets where a client must lie about its body) against the built server.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

const uploads = tempDir('ic-bodies-');
const uploadsDir = join(uploads.path, 'files');
const app = useServer({ env: { UPLOADS_DIR: uploadsDir, UPLOAD_MAX_MB: '100' } });
afterAll(() => uploads.remove());

let admin: string;
beforeAll(async () => {
  admin = (await signedInUser(app.db, { role: 'admin', email: 'bodies-admin@example.ac.th' })).cookie;
});

interface RawAnswer {
  status: number;
  text: string;
  /** Bytes of the body the client had written when the server answered or closed. */
  sent: number;
  ms: number;
}

/**
 * A request over a raw socket: `headers` as written, then the body `chunk` again and again (chunked, or raw after a
 * Content-Length that may lie) until the server answers and closes, or `maxBytes` were sent.
 */
function rawPost(path: string, headers: Record<string, string>, chunk: Buffer, options: { chunked: boolean; maxBytes: number }): Promise<RawAnswer> {
  const { port } = new URL(app.server.url);
  const start = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let sent = 0;
    let closed = false;
    socket.on('data', (data) => (received += data.toString('utf8')));
    socket.on('error', () => {}); // the server closing while the client still writes (EPIPE) is expected
    socket.on('close', () => {
      closed = true;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, text: received, sent, ms: performance.now() - start });
    });
    socket.on('connect', async () => {
      // The server closes the connection after answering; the client must not half-close it first (Node then aborts).
      const head = Object.entries({ host: `127.0.0.1:${port}`, connection: 'close', ...headers, ...(options.chunked && { 'transfer-encoding': 'chunked' }) });
      socket.write(`POST ${path} HTTP/1.1\r\n${head.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`);
      const frame = options.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
      while (!closed && sent < options.maxBytes) {
        sent += chunk.length;
        if (!socket.write(frame)) await new Promise((resume) => (socket.once('drain', resume), socket.once('close', resume)));
      }
      if (!closed && options.chunked) socket.write('0\r\n\r\n');
    });
  });
}

const formType = { 'content-type': 'application/x-www-form-urlencoded' };
const MiB = 1024 * 1024;

async function stillAnswers() {
  expect((await fetch(`${app.server.url}/oai?verb=Identify`)).status).toBe(200);
}

describe('request bodies are capped by route', () => {
  it('a declared huge Content-Length to /oai gets 413 at once, before any body is sent', async () => {
    const answer = await rawPost('/oai', { ...formType, 'content-length': String(10 ** 12) }, Buffer.from('verb=Identify&'), { chunked: false, maxBytes: 0 });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป');
    expect(answer.text).toContain('Request body too large');
    expect(answer.ms).toBeLessThan(2000);
    await stillAnswers();
  });

  it('a declared Content-Length over the cap gets 413 on a form page and on the upload form', async () => {
    const login = await rawPost('/login', { ...formType, origin: app.server.url, 'content-length': String(65 * 1024) }, Buffer.alloc(0), { chunked: false, maxBytes: 0 });
    expect(login.status).toBe(413);
    const upload = await rawPost(
      '/admin/items/new?type=ebooks',
      { 'content-type': 'multipart/form-data; boundary=x', origin: app.server.url, cookie: admin, 'content-length': String(102 * MiB) },
      Buffer.alloc(0),
      { chunked: false, maxBytes: 0 },
    );
    expect(upload.status).toBe(413);
    await stillAnswers();
  });

  it('a chunked body to /oai is read no further than its cap: 413, and the server keeps answering', async () => {
    const answer = await rawPost('/oai', formType, Buffer.alloc(64 * 1024, 'a'), { chunked: true, maxBytes: 200 * MiB });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('Request body too large');
    // The server stops reading at the cap: what the client managed to write is what the sockets' buffers took.
    expect(answer.sent).toBeLessThan(50 * MiB);
    await stillAnswers();
  });

  it('a chunked body to a form page is read no further than its cap', async () => {
    const answer = await rawPost('/register', { ...formType, origin: app.server.url }, Buffer.alloc(64 * 1024, 'a'), { chunked: true, maxBytes: 200 * MiB });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(50 * MiB);
    await stillAnswers();
  });

  it('a small chunked OAI-PMH request is still answered', async () => {
    const answer = await rawPost('/oai', formType, Buffer.from('verb=Identify'), { chunked: true, maxBytes: 1 });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<Identify>');
  });
});

const pdf = (bytes: number) => new Blob([`%PDF-1.7\n`, new Uint8Array(bytes), `\n%%EOF\n`], { type: 'application/pdf' });

const ebook = {
  titleTh: 'คู่มือทดสอบการอัปโหลด',
  authors: 'นายทดสอบ ระบบดี',
  summary: 'ทดสอบการอัปโหลดหลายไฟล์',
  levels: 'hvc',
  language: 'th',
  publisher: 'วิทยาลัยเทคนิคทดสอบ',
  year: '2569',
  licence: 'CC BY 4.0',
  fields: 'renewable-energy-technology',
  published: '2026-11-01',
};

function itemForm(fields: Record<string, string>, files: [Blob, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [blob, name] of files) form.append('upload', blob, name);
  return form;
}

const postItem = (body: FormData) =>
  fetch(`${app.server.url}/admin/items/new?type=ebooks`, { method: 'POST', body, headers: { cookie: admin, origin: app.server.url }, redirect: 'manual' });

// The demo articles' pictures, written with the new database (no uploader), are not this suite's uploads.
const seededPictures = () => new Set(app.db.$client.prepare('select stored_name from uploaded_files where uploaded_by is null').pluck().all() as string[]);
const storedFiles = () => (existsSync(uploadsDir) ? readdirSync(uploadsDir).filter((name) => !seededPictures().has(name) && name !== '.pending') : []);
/** Files a preview or a refused save holds for the form's next save, each its bytes and a note. */
const heldFiles = () => (existsSync(join(uploadsDir, '.pending')) ? readdirSync(join(uploadsDir, '.pending')) : []);
const uploadRows = () => (app.db.$client.prepare('select count(*) as n from uploaded_files where uploaded_by is not null').get() as { n: number }).n;
const itemRows = (slug: string) => (app.db.$client.prepare('select count(*) as n from catalog_items where slug = ?').get(slug) as { n: number }).n;

/** Resident memory of the server now, in MiB. */
const serverRss = () => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${app.server.pid}/status`, 'utf8'))![1]) / 1024;

/** The most resident memory the server had while `work` ran, sampled every few milliseconds, over what it had before. */
async function serverRssGrowth(work: () => Promise<void>): Promise<number> {
  const before = serverRss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, serverRss())), 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, serverRss()) - before;
}

describe('uploads', () => {
  it('a multi-file upload with a refused second file keeps neither file nor row nor item', async () => {
    const response = await postItem(itemForm({ ...ebook, slug: 'two-files', intent: 'save' }, [[pdf(20_000), 'good.pdf'], [new Blob(['MZ a program'.repeat(20)]), 'bad.pdf']]));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('ไม่รองรับไฟล์ประเภทนี้');
    expect(storedFiles()).toEqual([]);
    expect(uploadRows()).toBe(0);
    expect(itemRows('two-files')).toBe(0);
  });

  it('a preview, or a form with wrong input, stores none of the files sent with it: they are only held for its save', async () => {
    const held = heldFiles().length;
    expect((await postItem(itemForm({ ...ebook, intent: 'preview' }, [[pdf(20_000), 'preview.pdf']]))).status).toBe(200);
    expect((await postItem(itemForm({ ...ebook, year: '1900', intent: 'save' }, [[pdf(20_000), 'wrong-year.pdf']]))).status).toBe(400);
    expect(storedFiles()).toEqual([]);
    expect(uploadRows()).toBe(0);
    expect(heldFiles().length - held).toBe(4);
  });

  it('when the item cannot be saved, its files and their rows are removed', async () => {
    // A real refusal by the database, after the files are in place: a trigger on the item's row.
    app.db.$client.exec("create trigger refuse_item before insert on catalog_items when new.slug = 'save-fails' begin select raise(abort, 'refused by test'); end");
    try {
      const response = await postItem(itemForm({ ...ebook, slug: 'save-fails', intent: 'save' }, [[pdf(20_000), 'one.pdf'], [pdf(30_000), 'two.pdf']]));
      await response.body?.cancel();
      expect(response.status).toBeGreaterThanOrEqual(400);
    } finally {
      app.db.$client.exec('drop trigger refuse_item');
    }
    expect(storedFiles()).toEqual([]);
    expect(uploadRows()).toBe(0);
    expect(itemRows('save-fails')).toBe(0);
  });

  it('a 64 MB upload streams to disk: the server’s memory does not grow with the file', async () => {
    await (await fetch(`${app.server.url}/admin/items/new?type=ebooks`, { headers: { cookie: admin } })).text();
    const body = itemForm({ ...ebook, slug: 'large-upload', intent: 'save' }, [[pdf(64 * MiB), 'large.pdf']]);
    const growth = await serverRssGrowth(async () => {
      const response = await postItem(body);
      expect(response.status).toBe(303);
    });
    // Reading the form whole, as before, raised the peak by about six times the file (over 380 MiB here).
    expect(growth).toBeLessThan(120);
    expect(storedFiles()).toEqual([expect.stringMatching(/^[0-9a-f]{16}-[0-9a-f]{8}\.pdf$/)]);
    expect(uploadRows()).toBe(1);
  });
});
