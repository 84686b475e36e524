// Recognizing an uploaded file by its first bytes (magic numbers), not by the name it came with.

export type SniffedType = 'pdf' | 'epub' | 'zip' | 'png' | 'jpeg' | 'webp' | 'mp4' | 'csv';

const startsWith = (head: Uint8Array, bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** What the first bytes (at least 64) say the file is, or undefined for anything we do not accept. */
export function sniffFileType(head: Uint8Array): SniffedType | undefined {
  if (startsWith(head, ascii('%PDF-'))) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // An EPUB is a ZIP whose first entry is an uncompressed file "mimetype" holding its media type.
    return startsWith(head, ascii('mimetypeapplication/epub+zip'), 30) ? 'epub' : 'zip';
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(head, ascii('ftyp'), 4)) return 'mp4';
  // Plain text, taken only as a CSV sheet (the name must say .csv): no control bytes but tab and line breaks, which
  // binary formats all have early on, a separator in the header row, and not markup a browser might render.
  const text = head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f));
  const decoded = text ? new TextDecoder().decode(head) : '';
  if (text && /[,;\t]/.test(decoded) && !/^(\uFEFF)?\s*</.test(decoded)) return 'csv';
  return undefined;
}

/** The file-name extensions each recognized content may carry. */
const extensionsFor: Record<SniffedType, string[]> = {
  pdf: ['pdf'],
  epub: ['epub'],
  zip: ['zip', 'docx', 'pptx', 'xlsx', 'h5p'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  webp: ['webp'],
  mp4: ['mp4'],
  csv: ['csv'],
};

export const acceptedExtensions = Object.values(extensionsFor).flat();

/** Whether the content and the name agree (a renamed .exe called .pdf does not). */
export function extensionMatches(type: SniffedType, fileName: string): boolean {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  return extensionsFor[type].includes(ext);
}

/** A file name safe to show and store: no folders, no control characters, no leading dots, at most 120 characters. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  if (clean.length <= 120) return clean || 'file';
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 120 - ext.length) + ext;
}
