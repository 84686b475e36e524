// A lesson's Markdown as HTML, each `::h5p[id]` line (and each activity the lesson lists) becoming the placeholder
// the H5P player fills: <div data-h5p-activity="id">. Raw HTML in a lesson stays text, as in every item body.
import { escapeHtml, renderMarkdown } from '../catalog/markdown.ts';

const directive = /^::h5p\[([a-z0-9-]+)\]\s*$/;

/** `label(id)` is what the placeholder says until the player replaces it (the activity's title). */
export function renderLesson(body: string, listed: readonly string[], label: (activity: string) => string): string {
  const placeholder = (id: string) =>
    `<div class="h5p-activity" data-h5p-activity="${escapeHtml(id)}"><p class="muted">${escapeHtml(label(id))}</p></div>\n`;
  const parts: string[] = [];
  const placed = new Set<string>();
  let text: string[] = [];
  const flush = () => {
    if (text.length) parts.push(renderMarkdown(text.join('\n')));
    text = [];
  };
  for (const line of body.split('\n')) {
    const match = directive.exec(line);
    if (!match) {
      text.push(line);
      continue;
    }
    flush();
    placed.add(match[1]!);
    parts.push(placeholder(match[1]!));
  }
  flush();
  for (const id of listed) if (!placed.has(id)) parts.push(placeholder(id));
  return parts.join('');
}
