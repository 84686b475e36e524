// ZIP-based uploads (Office files, EPUB, ZIP, H5P kept as item files) are stored for others to download and unpack:
// the archive is refused when an entry would land outside the folder it is unpacked into, is a link, or the whole
// would unpack to far more than the file weighs (a zip bomb), by its directory or, when the directory lies, by
// unpacking each entry no further than it declares. One entry at a time is held in memory.
import { open, type FileHandle } from 'node:fs/promises';
import { entryNameProblem } from '../../lib/h5p/package-rules.ts';
import { readZipEntries, readZipEntry, type ZipEntry } from '../h5p/zip-reader.ts';

export const archiveLimits = {
  maxEntries: 20_000,
  /** No document people upload here unpacks to more than this. */
  maxUncompressedBytes: 1024 ** 3,
  /** Past this many unpacked bytes, an archive may not unpack to more than maxRatio times its size. */
  ratioFloorBytes: 16 * 1024 ** 2,
  maxRatio: 100,
};

/** The names of the ZIP-based files we take (their content was checked to be a ZIP). */
export const isZipBasedName = (name: string) => /\.(zip|docx|pptx|xlsx|h5p|epub)$/i.test(name);

const endRecordSize = 22;
const maxCommentSize = 0xffff;

/** The entries of the ZIP file at `path`, read from its central directory only; throws ZipError when it is not one. */
export async function readZipDirectory(path: string): Promise<{ entries: ZipEntry[]; size: number }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, endRecordSize + maxCommentSize);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let at = tailLength - endRecordSize; at >= 0; at--) {
      if (tail.readUInt32LE(at) === 0x06054b50) {
        end = at;
        break;
      }
    }
    if (end < 0) return { entries: readZipEntries(Buffer.alloc(0)), size };
    const record = Buffer.from(tail.subarray(end, end + endRecordSize));
    const directorySize = record.readUInt32LE(12);
    const directoryOffset = record.readUInt32LE(16);
    const directory = Buffer.alloc(Math.max(0, Math.min(directorySize, size - directoryOffset)));
    await file.read(directory, 0, directory.length, directoryOffset);
    // The directory alone, followed by its end record pointing at offset 0: what readZipEntries reads.
    if (directoryOffset !== 0xffffffff) record.writeUInt32LE(0, 16);
    record.writeUInt16LE(0, 20);
    return { entries: readZipEntries(Buffer.concat([directory, record])), size };
  } finally {
    await file.close();
  }
}

/** Whether the entries are safe to unpack anywhere: names inside the folder, plain files, a sane total and ratio. */
export function archiveIsSafe(entries: readonly ZipEntry[], archiveBytes: number, limits = archiveLimits): boolean {
  if (entries.length > limits.maxEntries) return false;
  let total = 0;
  for (const entry of entries) {
    if (entryNameProblem(entry.name) || entry.isSpecial) return false;
    total += entry.uncompressedSize;
  }
  if (total > limits.maxUncompressedBytes) return false;
  return total <= limits.ratioFloorBytes || total <= archiveBytes * limits.maxRatio;
}

/** Unpack one entry, no further than it declares, checked against its CRC; throws ZipError when it lies or is damaged. */
async function checkEntry(file: FileHandle, entry: ZipEntry): Promise<void> {
  const header = Buffer.alloc(30);
  await file.read(header, 0, 30, entry.localHeaderOffset);
  const part = Buffer.alloc(30 + header.readUInt16LE(26) + header.readUInt16LE(28) + entry.compressedSize);
  await file.read(part, 0, part.length, entry.localHeaderOffset);
  readZipEntry(part, { ...entry, localHeaderOffset: 0 });
}

/** Whether the ZIP file at `path` is one we store (see above); a file that is not a readable ZIP is not. */
export async function archiveFileIsSafe(path: string): Promise<boolean> {
  try {
    const { entries, size } = await readZipDirectory(path);
    if (!archiveIsSafe(entries, size) || entries.some((e) => e.encrypted || (e.method !== 0 && e.method !== 8))) return false;
    const file = await open(path, 'r');
    try {
      for (const entry of entries) if (!entry.isDirectory) await checkEntry(file, entry);
    } finally {
      await file.close();
    }
    return true;
  } catch {
    return false;
  }
}
