// URLs of items and their files (Thai-locale paths; wrap in localePath for English).
import { isContentType, type ContentType } from '../content/types.ts';

/** A course's one page is /courses/<slug> (its outline and runs beside its description); /library/courses/<slug> redirects. */
export const itemPath = (item: { type: ContentType; slug: string }) =>
  item.type === 'courses' ? `/courses/${item.slug}` : `/library/${item.type}/${item.slug}`;

/** The name a download is addressed by: the attachment's file name, without folders. */
export const attachmentName = (path: string) => path.split('/').pop() ?? path;

export const downloadPath = (item: { type: ContentType; slug: string }, filePath: string) =>
  `/download/${item.type}/${item.slug}/${encodeURIComponent(attachmentName(filePath))}`;

/** The list page that shows items of a type. */
export const listPathFor = (type: ContentType) =>
  ({ ebooks: '/library?type=ebooks', curricula: '/curricula', courses: '/courses', research: '/research', experts: '/experts' })[type];

/** The page of a search document (`type/slug` for catalog items, a site path otherwise). */
export function documentPath(id: string): string {
  const [type, slug] = id.split('/');
  return isContentType(type) && slug ? itemPath({ type, slug }) : `/${id}`;
}
