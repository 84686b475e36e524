// The one list of Tiptap extensions an article (or a course lesson) may use: the editor island builds its editor
// from it and the server renders stored documents with it, so both agree on every node, mark and attribute.
import { Extension, mergeAttributes, Node } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import Youtube from '@tiptap/extension-youtube';
import StarterKit from '@tiptap/starter-kit';
import { headingLevels, linkProtocols } from './schema.ts';

/** An uploaded MP4, played by the browser's own controls. */
export const Video = Node.create({
  name: 'video',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { src: { default: null } };
  },
  parseHTML() {
    return [{ tag: 'video[src]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['video', mergeAttributes(HTMLAttributes, { controls: 'controls', preload: 'metadata' })];
  },
});

/**
 * An H5P activity from the center's library, stored by id only: rendered as a placeholder element that the H5P
 * player replaces on the page (`[data-h5p-activity]`).
 */
export const H5pActivity = Node.create({
  name: 'h5pActivity',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      activityId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-h5p-activity'),
        renderHTML: (attributes) => ({ 'data-h5p-activity': attributes.activityId }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-h5p-activity]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'h5p-activity' }), `กิจกรรม H5P · H5P activity ${String(HTMLAttributes['data-h5p-activity'] ?? '')}`];
  },
});

/** Heading ids for the table of contents: set by the server when it renders, never taken from pasted HTML. */
export const HeadingIds = Extension.create({
  name: 'headingIds',
  addGlobalAttributes() {
    return [
      {
        types: ['heading'],
        attributes: {
          id: { default: null, parseHTML: () => null, renderHTML: (attributes) => (attributes.id ? { id: attributes.id } : {}) },
        },
      },
    ];
  },
});

export function richTextExtensions() {
  return [
    StarterKit.configure({
      heading: { levels: [...headingLevels] },
      link: { openOnClick: false, autolink: true, protocols: [...linkProtocols], defaultProtocol: 'https', HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null } },
      codeBlock: { HTMLAttributes: {} },
    }),
    Image.configure({ inline: false, allowBase64: false }),
    // Column widths would be style attributes, which the site's CSP forbids: no resizing, no <colgroup> styles.
    Table.extend({
      renderHTML({ HTMLAttributes }) {
        return ['table', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), ['tbody', 0]];
      },
    }).configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    Youtube.configure({ nocookie: true, width: 640, height: 360, addPasteHandler: true }),
    Video,
    H5pActivity,
    HeadingIds,
  ];
}
