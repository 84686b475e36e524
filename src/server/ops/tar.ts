// A small tar (POSIX pax/ustar) writer and reader for backups: regular files and directories only, names longer than
// ustar allows carried in pax headers. Streams both ways, so a backup of large uploads never sits in memory.
import { createReadStream } from 'node:fs';

const block = 512;

export interface TarEntry {
  /** Relative path inside the archive, '/'-separated; a directory's ends with '/'. */
  name: string;
  size: number;
  mtime: Date;
  type: 'file' | 'directory';
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date, typeflag: string): Buffer {
  const buf = Buffer.alloc(block);
  buf.write(name, 0, 100, 'utf8');
  buf.write(octal(typeflag === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  buf.write(octal(0, 8), 108, 'ascii');
  buf.write(octal(0, 8), 116, 'ascii');
  buf.write(octal(size, 12), 124, 'ascii');
  buf.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  buf.write(' '.repeat(8), 148, 'ascii');
  buf.write(typeflag, 156, 'ascii');
  buf.write('ustar\0', 257, 'ascii');
  buf.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of buf) sum += byte;
  buf.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return buf;
}

const padding = (size: number) => Buffer.alloc((block - (size % block)) % block);

/** A pax record `LEN key=value\n`, where LEN counts the whole record, itself included. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

function* entryHeader(entry: TarEntry): Generator<Buffer> {
  const typeflag = entry.type === 'directory' ? '5' : '0';
  if (Buffer.byteLength(entry.name) > 100 || !/^[\x20-\x7e]*$/.test(entry.name)) {
    const pax = Buffer.from(paxRecord('path', entry.name), 'utf8');
    yield header('PaxHeader', pax.length, entry.mtime, 'x');
    yield pax;
    yield padding(pax.length);
  }
  yield header(Buffer.from(entry.name).subarray(0, 100).toString('latin1'), entry.type === 'file' ? entry.size : 0, entry.mtime, typeflag);
}

export type TarSource = TarEntry & { path?: string; data?: Buffer };

/** The archive's bytes for these entries: each file read from `path` (exactly `size` bytes) or given as `data`. */
export async function* tarStream(entries: AsyncIterable<TarSource> | Iterable<TarSource>): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    yield* entryHeader(entry);
    if (entry.type !== 'file') continue;
    let written = 0;
    if (entry.data) {
      yield entry.data;
      written = entry.data.length;
    } else if (entry.path && entry.size > 0) {
      for await (const chunk of createReadStream(entry.path, { end: entry.size - 1 }) as AsyncIterable<Buffer>) {
        yield chunk;
        written += chunk.length;
      }
    }
    if (written !== entry.size) throw new Error(`${entry.name} changed while it was archived (${written} of ${entry.size} bytes)`);
    yield padding(entry.size);
  }
  yield Buffer.alloc(block * 2);
}

function parseOctal(buf: Buffer, offset: number, length: number): number {
  const text = buf.toString('ascii', offset, offset + length).replace(/\0.*$/s, '').trim();
  if (!/^[0-7]*$/.test(text)) throw new Error('not a tar archive (bad number in a header)');
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(head: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 32 : head[i]!;
  return sum === parseOctal(head, 148, 8);
}

/** Reads an archive (already decompressed) and calls `onEntry` per file or directory with its bytes as a stream. */
export async function readTar(
  input: AsyncIterable<Buffer>,
  onEntry: (entry: TarEntry, data: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const iterator = input[Symbol.asyncIterator]();
  let pending: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  let done = false;
  async function take(n: number): Promise<Buffer<ArrayBufferLike>> {
    while (pending.length < n && !done) {
      const next = await iterator.next();
      if (next.done) done = true;
      else pending = pending.length ? Buffer.concat([pending, next.value]) : next.value;
    }
    if (pending.length < n) throw new Error('the archive ends in the middle of an entry (truncated)');
    const out = pending.subarray(0, n);
    pending = pending.subarray(n);
    return out;
  }
  async function* stream(size: number): AsyncGenerator<Buffer> {
    let left = size;
    while (left > 0) {
      if (pending.length === 0) {
        const next = await iterator.next();
        if (next.done) throw new Error('the archive ends in the middle of a file (truncated)');
        pending = next.value;
      }
      const piece = pending.subarray(0, Math.min(left, pending.length));
      pending = pending.subarray(piece.length);
      left -= piece.length;
      yield piece;
    }
  }
  let longName: string | undefined;
  for (;;) {
    const head = await take(block);
    if (head.every((byte) => byte === 0)) return;
    if (!checksumOk(head)) throw new Error('not a tar archive (header checksum wrong)');
    const size = parseOctal(head, 124, 12);
    const typeflag = String.fromCharCode(head[156]!);
    if (typeflag === 'x') {
      const records = (await take(size)).toString('utf8');
      await take((block - (size % block)) % block);
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(records)?.[1];
      continue;
    }
    const shortName = head.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const prefix = head.toString('utf8', 345, 500).replace(/\0.*$/s, '');
    const name = longName ?? (prefix ? `${prefix}/${shortName}` : shortName);
    longName = undefined;
    if (typeflag !== '0' && typeflag !== '\0' && typeflag !== '5') throw new Error(`${name}: only files and directories may be restored (type ${typeflag})`);
    const entry: TarEntry = { name, size: typeflag === '5' ? 0 : size, mtime: new Date(parseOctal(head, 136, 12) * 1000), type: typeflag === '5' ? 'directory' : 'file' };
    const data = stream(entry.size);
    await onEntry(entry, data);
    // Whatever the caller did not read is skipped.
    for await (const _ of data);
    await take((block - (entry.size % block)) % block);
  }
}
