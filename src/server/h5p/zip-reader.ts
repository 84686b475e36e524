// A ZIP archive's entries read from its central directory, with what a validator needs that zip libraries hide
// (the Unix file type, so links are seen) and extraction capped at each entry's declared size (a zip bomb that lies
// about its sizes stops at the lie). Only what .h5p packages use: one disk, stored or deflated, no ZIP64, no encryption.
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  isDirectory: boolean;
  /** A symbolic link, device or other file that is neither a plain file nor a folder. */
  isSpecial: boolean;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  crc: number;
  localHeaderOffset: number;
}

export type ZipProblem = 'not-zip' | 'unsupported-zip' | 'bad-name';

export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem | 'corrupt',
    readonly entry?: string,
  ) {
    super(`${problem}${entry ? `: ${entry}` : ''}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const endSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;
const fileTypeMask = 0o170000;

/** The entries listed in the archive's central directory, in order; throws ZipError when it is not one we read. */
export function readZipEntries(zip: Buffer): ZipEntry[] {
  // The end record is the last 22 bytes plus a comment of up to 64 KiB.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === endSignature) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipError('not-zip');
  const disk = zip.readUInt16LE(end + 4);
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  if (disk !== 0 || count === 0xffff || offset === 0xffffffff) throw new ZipError('unsupported-zip');
  if (offset + size > end) throw new ZipError('not-zip');

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== centralSignature) throw new ZipError('not-zip');
    const madeBy = zip.readUInt16LE(at + 4);
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const external = zip.readUInt32LE(at + 38);
    let name: string;
    try {
      name = utf8.decode(zip.subarray(at + 46, at + 46 + nameLength));
    } catch {
      throw new ZipError('bad-name');
    }
    // Unix hosts (3) keep the file's mode in the high half of the external attributes.
    const unixType = madeBy >> 8 === 3 ? (external >>> 16) & fileTypeMask : 0;
    const isDirectory = name.endsWith('/') || unixType === 0o040000;
    entries.push({
      name,
      isDirectory,
      isSpecial: unixType !== 0 && unixType !== 0o100000 && unixType !== 0o040000,
      method: zip.readUInt16LE(at + 10),
      encrypted: (flags & 1) === 1,
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes, never more than it declares, checked against its CRC; throws ZipError('corrupt') otherwise. */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== localSignature) throw new ZipError('corrupt', entry.name);
  const nameLength = zip.readUInt16LE(at + 26);
  // The local header must name the same file as the directory: a second name is a way to smuggle one past a check.
  if (zip.subarray(at + 30, at + 30 + nameLength).toString('utf8') !== entry.name) throw new ZipError('corrupt', entry.name);
  const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
  const compressed = zip.subarray(start, start + entry.compressedSize);
  if (compressed.length !== entry.compressedSize) throw new ZipError('corrupt', entry.name);
  let data: Buffer;
  try {
    data = entry.method === 0 ? compressed : inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch {
    throw new ZipError('corrupt', entry.name);
  }
  if (data.length !== entry.uncompressedSize || crc32(data) !== entry.crc) throw new ZipError('corrupt', entry.name);
  return data;
}
