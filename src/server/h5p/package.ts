// Admins' .h5p uploads: validateH5pPackage reads the whole archive in memory and refuses it, with a message in Thai
// and English, before a byte is written; installH5pPackage then extracts an accepted package into a folder of its
// own, complete or not at all. Why not @lumieducation/h5p-server's validator: docs/decisions/007-h5p-player-and-packages.md.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'astro/zod';
import { translator, type MessageKey } from '../../i18n/index.ts';
import {
  defaultPackageLimits,
  entryKey,
  entryNameProblem,
  entryPlace,
  extensionAllowed,
  h5pJsonSchema,
  libraryFolderName,
  libraryJsonSchema,
  type H5pJson,
  type LibraryRef,
  type PackageLimits,
} from '../../lib/h5p/package-rules.ts';
import { installedLibrariesRoot, uploadedActivitiesRoot, activityExists } from './activities.ts';
import { readZipEntries, readZipEntry, ZipError, type ZipEntry } from './zip-reader.ts';

export type H5pProblem =
  | 'not-zip'
  | 'unsupported-zip'
  | 'too-many-entries'
  | 'too-large'
  | 'unsafe-path'
  | 'link'
  | 'duplicate'
  | 'extension'
  | 'corrupt'
  | 'missing-h5p-json'
  | 'bad-h5p-json'
  | 'missing-content'
  | 'bad-library'
  | 'missing-library'
  | 'id-taken';

/** A refused package: `problem` names the message (h5p.problem.* in src/i18n), `message` says it in Thai and English. */
export class H5pPackageError extends Error {
  readonly key: MessageKey;
  constructor(
    readonly problem: H5pProblem,
    readonly params: Record<string, string | number> = {},
  ) {
    const key = `h5p.problem.${problem}` as MessageKey;
    super(`${translator('th')(key, params)} / ${translator('en')(key, params)}`);
    this.key = key;
  }
}

export interface ValidatedPackage {
  h5p: H5pJson;
  /** The file entries to extract (folders are made as needed). */
  files: ZipEntry[];
  zip: Buffer;
}

export interface PackageOptions {
  limits?: PackageLimits;
  /** Where libraries already installed live (content/h5p/libraries). */
  librariesRoot?: string;
}

const refuse = (problem: H5pProblem, params?: Record<string, string | number>): never => {
  throw new H5pPackageError(problem, params);
};

function parseJson<S extends z.ZodType>(bytes: Buffer, schema: S): z.output<S> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Check every entry's name, kind and size before any is decompressed. */
function checkEntries(entries: ZipEntry[], limits: PackageLimits): ZipEntry[] {
  if (entries.length > limits.maxEntries) refuse('too-many-entries', { max: limits.maxEntries });
  const seen = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    const name = entry.name;
    if (entryNameProblem(name)) refuse('unsafe-path', { name });
    if (entry.isSpecial) refuse('link', { name });
    if (seen.has(entryKey(name))) refuse('duplicate', { name });
    seen.add(entryKey(name));
    if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) refuse('unsupported-zip');
    if (entry.isDirectory) continue;
    if (!extensionAllowed(name)) refuse('extension', { name });
    total += entry.uncompressedSize;
    if (total > limits.maxUncompressedBytes) refuse('too-large', { max: Math.round(limits.maxUncompressedBytes / (1024 * 1024)) });
  }
  return entries.filter((e) => !e.isDirectory);
}

/**
 * Validate a .h5p package (its bytes or its path) and return what to install; throws H5pPackageError naming the
 * first problem. Nothing is written.
 */
export async function validateH5pPackage(source: Buffer | string, options: PackageOptions = {}): Promise<ValidatedPackage> {
  const zip = typeof source === 'string' ? await readFile(source) : source;
  const limits = options.limits ?? defaultPackageLimits;
  const librariesRoot = options.librariesRoot ?? installedLibrariesRoot();
  try {
    const files = checkEntries(readZipEntries(zip), limits);
    const byName = new Map(files.map((f) => [f.name, f]));
    // Every file is decompressed once here, so a lying size or a bad CRC is refused now, not halfway through extraction.
    for (const file of files) readZipEntry(zip, file);

    const h5pEntry = byName.get('h5p.json') ?? refuse('missing-h5p-json');
    const h5p = parseJson(readZipEntry(zip, h5pEntry), h5pJsonSchema) ?? refuse('bad-h5p-json');
    const contentEntry = byName.get('content/content.json') ?? refuse('missing-content');
    try {
      JSON.parse(readZipEntry(zip, contentEntry).toString('utf8'));
    } catch {
      refuse('missing-content');
    }

    // Each library the content needs, and each they need in turn, is in the package or already installed.
    const bundled = new Set(files.map((f) => entryPlace(f.name)).flatMap((p) => (p.kind === 'library' ? [p.folder] : [])));
    const libraryJson = (folder: string) => {
      if (bundled.has(folder)) {
        const entry = byName.get(`${folder}/library.json`) ?? refuse('bad-library', { name: folder });
        const library = parseJson(readZipEntry(zip, entry), libraryJsonSchema) ?? refuse('bad-library', { name: folder });
        if (libraryFolderName(library) !== folder) refuse('bad-library', { name: folder });
        const declared = [...(library.preloadedJs ?? []), ...(library.preloadedCss ?? [])];
        for (const file of declared) if (!byName.has(`${folder}/${file.path}`)) refuse('bad-library', { name: folder });
        return library;
      }
      const installed = join(librariesRoot, folder, 'library.json');
      if (!existsSync(installed)) return refuse('missing-library', { name: folder });
      return parseJson(readFileSync(installed), libraryJsonSchema) ?? refuse('missing-library', { name: folder });
    };
    const pending: LibraryRef[] = [...h5p.preloadedDependencies];
    const checked = new Set<string>();
    while (pending.length > 0) {
      const folder = libraryFolderName(pending.pop()!);
      if (checked.has(folder)) continue;
      checked.add(folder);
      pending.push(...(libraryJson(folder).preloadedDependencies ?? []));
    }
    return { h5p, files, zip };
  } catch (error) {
    if (error instanceof ZipError) {
      if (error.problem === 'bad-name') throw new H5pPackageError('unsafe-path', { name: '?' });
      throw new H5pPackageError(error.problem, error.entry ? { name: error.entry } : {});
    }
    throw error;
  }
}

/**
 * Validate, then extract the package into its own folder `<root>/<id>`: written to a hidden folder first and
 * renamed into place, so the activity appears whole or not at all. Throws H5pPackageError when refused.
 */
export async function installH5pPackage(
  source: Buffer | string,
  options: PackageOptions & { id: string; root?: string },
): Promise<{ id: string; title: string; path: string }> {
  const root = options.root ?? uploadedActivitiesRoot();
  if (activityExists(options.id) || existsSync(join(root, options.id))) refuse('id-taken', { id: options.id });
  const accepted = await validateH5pPackage(source, options);
  const staging = join(root, `.installing-${randomBytes(8).toString('hex')}`);
  const target = join(root, options.id);
  try {
    await mkdir(staging, { recursive: true });
    for (const file of accepted.files) {
      const path = join(staging, file.name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, readZipEntry(accepted.zip, file), { flag: 'wx' });
    }
    if (existsSync(target)) refuse('id-taken', { id: options.id });
    await rename(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { id: options.id, title: accepted.h5p.title, path: target };
}
