// The editor island's browser side: Tiptap over the shared extensions, a toolbar usable by keyboard (one tab stop,
// arrow keys move, aria-pressed shows the marks and blocks in effect), uploads, clean pasting, autosave.
// ProseMirror handles IME composition itself; nothing here touches the document while a composition is under way.
import { Editor } from '@tiptap/core';
import { richTextExtensions } from '../../lib/rich-text/extensions.ts';
import { cleanPastedHtml } from './paste.ts';

type Messages = Record<'unsaved' | 'saving' | 'saved' | 'failed' | 'conflict' | 'linkPrompt' | 'altPrompt' | 'youtubePrompt' | 'h5pPrompt' | 'uploading' | 'badYoutube' | 'badH5p' | 'altRequired', string>;

const autosaveEveryMs = 4000;
/** Photos are scaled down to this width before upload: wide enough for a full-width figure on a large screen. */
const maxImageWidth = 1600;

/** A picture scaled down in the browser (no server-side image library) when wider than maxImageWidth. */
async function scaledImage(file: File): Promise<File> {
  if (!/^image\/(png|jpeg|webp)$/.test(file.type)) return file;
  const bitmap = await createImageBitmap(file).catch(() => undefined);
  if (!bitmap || bitmap.width <= maxImageWidth) return file;
  const canvas = document.createElement('canvas');
  canvas.width = maxImageWidth;
  canvas.height = Math.round((bitmap.height * maxImageWidth) / bitmap.width);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, file.type, 0.85));
  return blob ? new File([blob], file.name, { type: file.type }) : file;
}

function mount(root: HTMLElement): void {
  const messages = JSON.parse(root.dataset.messages ?? '{}') as Messages;
  const hidden = root.querySelector<HTMLInputElement>('input[data-document]')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const surface = root.querySelector<HTMLElement>('.rte-surface')!;
  const toolbar = root.querySelector<HTMLElement>('[role="toolbar"]')!;
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button[data-command]')];
  const form = root.closest('form');
  let dirty = false;
  let saving = false;
  let stopped = false;

  const say = (text: string) => (status.textContent = text);
  const editor = new Editor({
    element: surface,
    extensions: richTextExtensions(),
    content: JSON.parse(hidden.value),
    // The site's CSP forbids inline <style>; the editor's few rules live in global.css.
    injectCSS: false,
    editorProps: {
      attributes: {
        class: 'rte-content prose',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': surface.dataset.labelId ?? '',
        ...(surface.dataset.errorId ? { 'aria-describedby': surface.dataset.errorId, 'aria-invalid': 'true' } : {}),
      },
      transformPastedHTML: cleanPastedHtml,
    },
    onUpdate: () => {
      hidden.value = JSON.stringify(editor.getJSON());
      if (!dirty && !stopped) say(messages.unsaved);
      dirty = true;
    },
    onTransaction: () => showState(),
  });

  // ── toolbar ──
  const run = () => editor.chain().focus();
  const ask = (question: string, value = '') => window.prompt(question, value)?.trim() ?? null;
  const pick = (input: HTMLInputElement) =>
    new Promise<File | undefined>((resolve) => {
      input.value = '';
      input.onchange = () => resolve(input.files?.[0]);
      input.click();
    });
  async function upload(file: File): Promise<string | undefined> {
    const body = new FormData();
    body.append('file', file, file.name);
    say(messages.uploading);
    const response = await fetch(root.dataset.uploadUrl!, { method: 'POST', body, headers: { Accept: 'application/json' } }).catch(() => undefined);
    const answer = (await response?.json().catch(() => undefined)) as { src?: string; message?: { th: string; en: string } } | undefined;
    if (response?.ok && answer?.src) return answer.src;
    say(answer?.message ? answer.message[root.dataset.lang === 'en' ? 'en' : 'th'] : messages.failed);
    return undefined;
  }
  const commands: Record<string, () => void | Promise<void>> = {
    bold: () => void run().toggleBold().run(),
    italic: () => void run().toggleItalic().run(),
    underline: () => void run().toggleUnderline().run(),
    strike: () => void run().toggleStrike().run(),
    link: () => {
      if (editor.isActive('link')) return void run().unsetLink().run();
      const href = ask(messages.linkPrompt, 'https://');
      if (href && href !== 'https://') run().extendMarkRange('link').setLink({ href }).run();
    },
    h2: () => void run().toggleHeading({ level: 2 }).run(),
    h3: () => void run().toggleHeading({ level: 3 }).run(),
    bulletList: () => void run().toggleBulletList().run(),
    orderedList: () => void run().toggleOrderedList().run(),
    blockquote: () => void run().toggleBlockquote().run(),
    table: () => void run().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    addRow: () => void run().addRowAfter().run(),
    addColumn: () => void run().addColumnAfter().run(),
    deleteTable: () => void run().deleteTable().run(),
    youtube: () => {
      const src = ask(messages.youtubePrompt);
      if (src && !run().setYoutubeVideo({ src }).run()) say(messages.badYoutube);
    },
    h5p: () => {
      const id = ask(messages.h5pPrompt);
      if (id === null) return;
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return void say(messages.badH5p);
      run().insertContent({ type: 'h5pActivity', attrs: { activityId: id } }).run();
    },
    image: async () => {
      const file = await pick(root.querySelector<HTMLInputElement>('input[data-image-file]')!);
      if (!file) return;
      const alt = ask(messages.altPrompt);
      if (!alt) return void say(messages.altRequired);
      const src = await upload(await scaledImage(file));
      if (src) run().setImage({ src, alt }).run();
    },
    video: async () => {
      const file = await pick(root.querySelector<HTMLInputElement>('input[data-video-file]')!);
      const src = file && (await upload(file));
      if (src) run().insertContent({ type: 'video', attrs: { src } }).run();
    },
    undo: () => void run().undo().run(),
    redo: () => void run().redo().run(),
  };
  const pressed: Record<string, () => boolean> = {
    bold: () => editor.isActive('bold'),
    italic: () => editor.isActive('italic'),
    underline: () => editor.isActive('underline'),
    strike: () => editor.isActive('strike'),
    link: () => editor.isActive('link'),
    h2: () => editor.isActive('heading', { level: 2 }),
    h3: () => editor.isActive('heading', { level: 3 }),
    bulletList: () => editor.isActive('bulletList'),
    orderedList: () => editor.isActive('orderedList'),
    blockquote: () => editor.isActive('blockquote'),
  };
  const inTable = ['addRow', 'addColumn', 'deleteTable'];
  function showState() {
    // While an IME composes, leave everything as it is: updating now could disturb the composition.
    if (editor.view.composing) return;
    for (const button of buttons) {
      const command = button.dataset.command!;
      if (pressed[command]) button.setAttribute('aria-pressed', String(pressed[command]()));
      if (inTable.includes(command)) button.disabled = !editor.isActive('table');
    }
  }
  buttons[0]!.tabIndex = 0;
  for (const button of buttons) {
    button.addEventListener('click', () => void commands[button.dataset.command!]?.());
  }
  // WAI-ARIA toolbar: one tab stop; arrows, Home and End move between buttons.
  toolbar.addEventListener('keydown', (event) => {
    const enabled = buttons.filter((b) => !b.disabled);
    const at = enabled.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: enabled.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = enabled[(next + enabled.length) % enabled.length]!;
    for (const b of buttons) b.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  });
  showState();

  // ── saving ──
  window.addEventListener('beforeunload', (event) => {
    if (!dirty) return;
    event.preventDefault();
  });
  form?.addEventListener('submit', () => {
    hidden.value = JSON.stringify(editor.getJSON());
    dirty = false;
  });
  if (!form || root.dataset.autosave !== 'true') return;
  const version = form.querySelector<HTMLInputElement>('input[name="version"]');
  async function autosave() {
    if (!dirty || saving || stopped || editor.view.composing) return;
    saving = true;
    dirty = false;
    say(messages.saving);
    const body = new FormData(form!);
    body.set('intent', 'save');
    const response = await fetch(form!.action || location.href, { method: 'POST', body, headers: { Accept: 'application/json' } }).catch(() => undefined);
    const answer = (await response?.json().catch(() => undefined)) as { version?: number; savedAt?: string; editUrl?: string; message?: { th: string; en: string } | null } | undefined;
    saving = false;
    if (response?.ok && answer?.version !== undefined) {
      if (version) version.value = String(answer.version);
      // A new article has an address once first saved: later saves go there, and a reload finds it.
      if (answer.editUrl && !location.pathname.endsWith(answer.editUrl)) {
        form!.action = answer.editUrl;
        history.replaceState(null, '', answer.editUrl);
      }
      say(`${messages.saved} ${new Date(answer.savedAt ?? Date.now()).toLocaleTimeString(root.dataset.lang === 'en' ? 'en-GB' : 'th-TH')}`);
      return;
    }
    dirty = true;
    if (response?.status === 409) {
      // Another tab saved first: stop saving here and keep this text for the author to copy and merge.
      stopped = true;
      say(messages.conflict);
      root.classList.add('rte-conflict');
      return;
    }
    say(answer?.message ? answer.message[root.dataset.lang === 'en' ? 'en' : 'th'] : messages.failed);
  }
  setInterval(() => void autosave(), autosaveEveryMs);
}

export function mountRichTextEditors(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-rich-text-editor]')) {
    if (root.dataset.mounted) continue;
    root.dataset.mounted = 'true';
    mount(root);
  }
}
