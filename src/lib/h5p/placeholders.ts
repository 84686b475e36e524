// Rendered rich text (articles, lessons) marks where an H5P activity goes with <div data-h5p-activity="id">…</div>.
// Splitting the HTML there lets a page put the player component in its place. Pure.

export type RichPart = { kind: 'html'; html: string } | { kind: 'h5p'; id: string; placeholder: string };

// The renderers write the placeholder as one div with text (and at most one <p>) inside, never nested divs.
const placeholder = /<div\b[^>]*\bdata-h5p-activity="([A-Za-z0-9_-]{1,64})"[^>]*>[\s\S]*?<\/div>/g;

export function splitAtActivities(html: string): RichPart[] {
  const parts: RichPart[] = [];
  let last = 0;
  for (const match of html.matchAll(placeholder)) {
    if (match.index > last) parts.push({ kind: 'html', html: html.slice(last, match.index) });
    parts.push({ kind: 'h5p', id: match[1]!, placeholder: match[0] });
    last = match.index + match[0].length;
  }
  if (last < html.length) parts.push({ kind: 'html', html: html.slice(last) });
  return parts;
}
