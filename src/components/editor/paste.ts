// Paste from Word and Google Docs: keep the structure (headings, lists, tables, links, bold and italic) and drop
// everything else they send: styles, classes, fonts, Office tags, comments, images from elsewhere.

const dropped = 'style, meta, link, script, title, xml, o\\:p, colgroup, col';
const keptAttributes: Record<string, string[]> = { A: ['href'], IMG: ['src', 'alt'], TD: ['colspan', 'rowspan'], TH: ['colspan', 'rowspan'], OL: ['start'] };

/**
 * Marks that Google Docs and Word express as inline styles, made into elements before the styles go. The styles are
 * read as text (`data-paste-style`): parsing them as style attributes would break the page's CSP.
 */
function styleToMarks(element: HTMLElement, doc: Document): void {
  const style = (element.getAttribute('data-paste-style') ?? '').toLowerCase();
  const wrap = (tag: string) => {
    const mark = doc.createElement(tag);
    while (element.firstChild) mark.appendChild(element.firstChild);
    element.appendChild(mark);
  };
  if (/font-weight\s*:\s*(bold|[6-9]00)/.test(style)) wrap('strong');
  if (/font-style\s*:\s*italic/.test(style)) wrap('em');
  if (/text-decoration[\w-]*\s*:[^;]*underline/.test(style)) wrap('u');
  if (/text-decoration[\w-]*\s*:[^;]*line-through/.test(style)) wrap('s');
}

export function cleanPastedHtml(html: string): string {
  const inert = html.replace(/<[^>]+>/g, (tag) => tag.replace(/\sstyle\s*=/gi, ' data-paste-style='));
  const doc = new DOMParser().parseFromString(inert, 'text/html');
  for (const node of doc.body.querySelectorAll(dropped)) node.remove();
  const comments = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const toRemove: Node[] = [];
  while (comments.nextNode()) toRemove.push(comments.currentNode);
  for (const node of toRemove) node.parentNode?.removeChild(node);
  // Google Docs wraps a whole paste in <b style="font-weight:normal" id="docs-internal-guid-…">.
  for (const b of doc.body.querySelectorAll<HTMLElement>('b[id^="docs-internal-guid"]')) b.replaceWith(...b.childNodes);
  for (const element of doc.body.querySelectorAll<HTMLElement>('*')) {
    if (['SPAN', 'FONT', 'P', 'TD', 'TH', 'LI'].includes(element.tagName)) styleToMarks(element, doc);
    // Images must come through the upload button: a pasted one points elsewhere or is inline data.
    if (element.tagName === 'IMG' && !element.getAttribute('src')?.startsWith('/media/')) {
      element.remove();
      continue;
    }
    // h1 is the page's title and h5/h6 are deeper than a document goes.
    if (/^H[156]$/.test(element.tagName)) {
      const heading = doc.createElement(element.tagName === 'H1' ? 'h2' : 'h4');
      heading.append(...element.childNodes);
      element.replaceWith(heading);
      continue;
    }
    const keep = keptAttributes[element.tagName] ?? [];
    for (const attribute of [...element.attributes]) if (!keep.includes(attribute.name)) element.removeAttribute(attribute.name);
  }
  // Spans and fonts carry nothing once their styles are gone.
  for (const element of doc.body.querySelectorAll('span, font')) element.replaceWith(...element.childNodes);
  return doc.body.innerHTML;
}
