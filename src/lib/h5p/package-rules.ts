// What an .h5p package may hold, as pure rules on entry names and the package's JSON: the server's validator
// (src/server/h5p/package.ts) reads the zip and applies these before anything is written.
import { z } from 'astro/zod';

/** H5P's content file whitelist (h5p-php-library's default), less Flash. */
export const contentExtensions: ReadonlySet<string> = new Set(
  'json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch md textile vtt webvtt gltf glb'.split(' '),
);

/** A library may also hold code and styles. */
export const libraryExtensions: ReadonlySet<string> = new Set([...contentExtensions, 'js', 'css']);

export interface PackageLimits {
  /** Entries in the zip, folders included. */
  maxEntries: number;
  /** All files together, uncompressed. */
  maxUncompressedBytes: number;
}

/** Larger than any package we know (Interactive Video with its libraries is a few hundred files, tens of MB). */
export const defaultPackageLimits: PackageLimits = { maxEntries: 2000, maxUncompressedBytes: 256 * 1024 * 1024 };

/** `H5P.MultiChoice-1.16`: a library's folder name, machine name and version. */
const libraryFolderPattern = /^([A-Za-z][\w.]*)-(\d{1,5})\.(\d{1,5})$/;

export interface LibraryRef {
  machineName: string;
  majorVersion: number;
  minorVersion: number;
}

export const libraryFolderName = (ref: LibraryRef) => `${ref.machineName}-${ref.majorVersion}.${ref.minorVersion}`;

export function parseLibraryFolder(name: string): LibraryRef | undefined {
  const match = libraryFolderPattern.exec(name);
  return match ? { machineName: match[1]!, majorVersion: Number(match[2]), minorVersion: Number(match[3]) } : undefined;
}

/** Why an entry name is refused, or undefined when it is a plain relative path inside the package. */
export function entryNameProblem(name: string): 'unsafe-path' | undefined {
  if (name === '' || name.length > 255) return 'unsafe-path';
  // Backslashes are separators on Windows, a drive letter or a leading slash makes the path absolute.
  if (name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'unsafe-path';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'unsafe-path';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'unsafe-path';
  return undefined;
}

export type EntryPlace = { kind: 'h5p-json' } | { kind: 'content' } | { kind: 'library'; folder: string } | { kind: 'other' };

/** Where a file entry sits: h5p.json, under content/, inside a library folder, or somewhere a package has nothing. */
export function entryPlace(name: string): EntryPlace {
  if (name === 'h5p.json') return { kind: 'h5p-json' };
  const [top, ...rest] = name.split('/');
  if (rest.length === 0) return { kind: 'other' };
  if (top === 'content') return { kind: 'content' };
  return parseLibraryFolder(top!) ? { kind: 'library', folder: top! } : { kind: 'other' };
}

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
}

/** Whether a file entry's extension is allowed where it sits. */
export function extensionAllowed(name: string): boolean {
  const place = entryPlace(name);
  if (place.kind === 'h5p-json') return true;
  if (place.kind === 'other') return false;
  return (place.kind === 'library' ? libraryExtensions : contentExtensions).has(extensionOf(name));
}

/** Names that are the same file on a case-insensitive disk. */
export const entryKey = (name: string) => name.replace(/\/$/, '').normalize('NFC').toLowerCase();

const version = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,5}$/).transform(Number)]);
const dependency = z.object({ machineName: z.string().regex(/^[A-Za-z][\w.]*$/).max(255), majorVersion: version, minorVersion: version });
const files = z.array(z.object({ path: z.string().min(1).max(255) })).optional();

export const h5pJsonSchema = z
  .object({
    title: z.string().trim().min(1).max(255),
    language: z.string().max(10).optional(),
    mainLibrary: z.string().min(1).max(255),
    embedTypes: z.array(z.enum(['div', 'iframe'])).optional(),
    extraTitle: z.string().max(255).optional(),
    preloadedDependencies: z.array(dependency).min(1),
  })
  .refine((h) => h.preloadedDependencies.some((d) => d.machineName === h.mainLibrary), { path: ['mainLibrary'] });

export type H5pJson = z.output<typeof h5pJsonSchema>;

export const libraryJsonSchema = z.object({
  title: z.string().min(1).max(255),
  machineName: z.string().regex(/^[A-Za-z][\w.]*$/).max(255),
  majorVersion: version,
  minorVersion: version,
  patchVersion: version.optional(),
  runnable: z.union([z.number(), z.boolean()]).optional(),
  preloadedJs: files,
  preloadedCss: files,
  preloadedDependencies: z.array(dependency).optional(),
});

export type LibraryJson = z.output<typeof libraryJsonSchema>;

/** An activity's id: the name of its folder and the last part of its URLs. */
export const activityIdPattern = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
export const activityIdSchema = z.string().regex(activityIdPattern);
