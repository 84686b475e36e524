// The H5P activities the site can play, by id: the curated ones in content/h5p/activities/<id>/ and those admins
// uploaded, extracted to <UPLOADS_DIR>/h5p/<id>/. Each folder is an extracted .h5p package (h5p.json, content/, and
// any libraries it brought); the center's own libraries are in content/h5p/libraries/.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { activityIdSchema, entryNameProblem, h5pJsonSchema, parseLibraryFolder, type H5pJson } from '../../lib/h5p/package-rules.ts';
import { env } from '../env.ts';

export const curatedActivitiesRoot = () => resolve(env.CONTENT_DIR, 'h5p', 'activities');
export const uploadedActivitiesRoot = () => resolve(env.UPLOADS_DIR, 'h5p');
export const installedLibrariesRoot = () => resolve(env.CONTENT_DIR, 'h5p', 'libraries');

export interface H5pActivity {
  id: string;
  title: string;
  /** The English title when the package gives one (h5p.json extraTitle). */
  titleEn?: string;
  mainLibrary: string;
  source: 'curated' | 'uploaded';
  dir: string;
}

function readActivity(root: string, id: string, source: H5pActivity['source']): H5pActivity | undefined {
  if (!activityIdSchema.safeParse(id).success) return undefined;
  const dir = join(root, id);
  try {
    const h5p: H5pJson | undefined = h5pJsonSchema.safeParse(JSON.parse(readFileSync(join(dir, 'h5p.json'), 'utf8'))).data;
    if (!h5p) return undefined;
    return { id, title: h5p.title, titleEn: h5p.extraTitle, mainLibrary: h5p.mainLibrary, source, dir };
  } catch {
    return undefined;
  }
}

const roots = () => [
  { root: curatedActivitiesRoot(), source: 'curated' as const },
  { root: uploadedActivitiesRoot(), source: 'uploaded' as const },
];

/** Every playable activity, curated first, each sorted by id. */
export function listActivities(): H5pActivity[] {
  return roots().flatMap(({ root, source }) => {
    if (!existsSync(root)) return [];
    const ids = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    return ids.flatMap((id) => readActivity(root, id, source) ?? []);
  });
}

/** The activity with this id, or undefined (ids that are not ours, or folders without a readable h5p.json). */
export function findActivity(id: string | undefined): H5pActivity | undefined {
  if (!id) return undefined;
  for (const { root, source } of roots()) {
    const activity = readActivity(root, id, source);
    if (activity) return activity;
  }
  return undefined;
}

/** Whether an id is taken, by an activity or by any folder of that name. */
export function activityExists(id: string): boolean {
  return roots().some(({ root }) => existsSync(join(root, id)));
}

/** `path` inside `root` when it is a plain file there (no link leads out), else undefined. */
function fileInside(root: string, path: string): string | undefined {
  const full = resolve(root, path);
  const inside = relative(root, full);
  if (inside.startsWith('..') || isAbsolute(inside) || !existsSync(full)) return undefined;
  if (!lstatSync(full).isFile()) return undefined;
  const real = relative(realpathSync(root), realpathSync(full));
  return real.startsWith('..') || isAbsolute(real) ? undefined : full;
}

/**
 * The file on disk behind `/h5p/files/<id>/<path>`: `h5p.json` and `content/…` from the activity's folder;
 * `libraries/<Library-x.y>/…` from the activity's own copy of the library if it brought one, else the installed one.
 */
export function activityFile(activity: H5pActivity, path: string): string | undefined {
  if (entryNameProblem(path) || path.endsWith('/')) return undefined;
  if (path === 'h5p.json' || path.startsWith('content/')) return fileInside(activity.dir, path);
  if (!path.startsWith('libraries/')) return undefined;
  const library = path.slice('libraries/'.length);
  if (!parseLibraryFolder(library.split('/')[0]!) || !library.includes('/')) return undefined;
  return fileInside(activity.dir, library) ?? fileInside(installedLibrariesRoot(), library);
}
