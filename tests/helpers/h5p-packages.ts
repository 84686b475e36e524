// .h5p packages built in tests with a zip library: a good one from a demo activity, and ways to spoil it.
import { readFileSync } from 'node:fs';
import { zipSync, strToU8, type Zippable } from 'fflate';

const activities = new URL('../../content/h5p/activities/', import.meta.url).pathname;

/** The files of a demo activity as a package holds them (h5p.json and content/content.json). */
export function demoPackageFiles(id = 'electrical-safety-ppe'): Record<string, Uint8Array> {
  return {
    'h5p.json': readFileSync(`${activities}${id}/h5p.json`),
    'content/content.json': readFileSync(`${activities}${id}/content/content.json`),
  };
}

export const zip = (files: Zippable): Buffer => Buffer.from(zipSync(files, { level: 6 }));

export const text = (value: string) => strToU8(value);

/** Rename an entry in both its local header and the central directory (same length), which zip libraries refuse to do. */
export function renameEntry(archive: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('names must have the same length');
  const out = Buffer.from(archive);
  const needle = Buffer.from(from);
  let at = out.indexOf(needle);
  let count = 0;
  while (at >= 0) {
    Buffer.from(to).copy(out, at);
    count += 1;
    at = out.indexOf(needle, at + 1);
  }
  if (count === 0) throw new Error(`${from} not in the archive`);
  return out;
}

/** Make every header of the archive claim `size` uncompressed bytes for the entry named `name`. */
export function claimSize(archive: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(archive);
  const nameBytes = Buffer.from(name);
  for (let at = 0; at < out.length - 4; at++) {
    const signature = out.readUInt32LE(at);
    if (signature === 0x04034b50 && out.subarray(at + 30, at + 30 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(size, at + 22);
    if (signature === 0x02014b50 && out.subarray(at + 46, at + 46 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(size, at + 24);
  }
  return out;
}
