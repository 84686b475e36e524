import { describe, expect, it } from 'vitest';
import { documentText, isAllowedHref, maxDocumentChars, readingMinutes, youtubeId, type RichTextDocument, type RichTextNode } from '../../src/lib/rich-text/schema.ts';
import { parseRichText } from '../../src/lib/rich-text/validate.ts';
import { checkRichText, renderRichText, sanitizeRichHtml } from '../../src/server/rich-text/render.ts';

const image = '/media/0123456789abcdef-01234567.png';
const text = (value: string, marks?: RichTextNode['marks']): RichTextNode => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const doc = (...content: RichTextNode[]): RichTextDocument => ({ type: 'doc', content });
const cell = (type: 'tableCell' | 'tableHeader', value: string): RichTextNode => ({ type, content: [paragraph(text(value))] });

function render(document: unknown) {
  const checked = checkRichText(document);
  if (!checked.ok) throw new Error(checked.error.en);
  return renderRichText(checked.document);
}

describe('rendering a document on the server', () => {
  it('keeps headings, marks, lists, tables, images, videos and the H5P placeholder', () => {
    const out = render(doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('การบำรุงรักษาเครื่องยนต์')] },
      paragraph(text('ตรวจ '), text('น้ำมัน', [{ type: 'bold' }]), text(' และ '), text('คู่มือ', [{ type: 'link', attrs: { href: 'https://example.org/a?b=1' } }])),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('ข้อหนึ่ง'))] }] },
      { type: 'heading', attrs: { level: 3 }, content: [text('ตาราง')] },
      { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader', 'รายการ'), cell('tableHeader', 'ค่า')] }, { type: 'tableRow', content: [cell('tableCell', 'แรงดัน'), cell('tableCell', '220 V')] }] },
      { type: 'image', attrs: { src: image, alt: 'เครื่องยนต์' } },
      { type: 'youtube', attrs: { src: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' } },
      { type: 'video', attrs: { src: '/media/0123456789abcdef-01234567.mp4' } },
      { type: 'h5pActivity', attrs: { activityId: 'quiz-42' } },
    ));
    expect(out.html).toContain('<h2 id="h-1">การบำรุงรักษาเครื่องยนต์</h2>');
    expect(out.html).toContain('<strong>น้ำมัน</strong>');
    expect(out.html).toContain('<a rel="noopener noreferrer nofollow" href="https://example.org/a?b=1">คู่มือ</a>');
    expect(out.html).toContain('<ul><li><p>ข้อหนึ่ง</p></li></ul>');
    expect(out.html).toMatch(/<table><tbody><tr><th[^>]*><p>รายการ<\/p><\/th>/);
    expect(out.html).toContain(`<img src="${image}" alt="เครื่องยนต์" loading="lazy" />`);
    expect(out.html).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(out.html).toContain('<video src="/media/0123456789abcdef-01234567.mp4" controls="controls" preload="metadata"></video>');
    expect(out.html).toContain('<div data-h5p-activity="quiz-42" class="h5p-activity">');
    expect(out.toc).toEqual([{ id: 'h-1', level: 2, text: 'การบำรุงรักษาเครื่องยนต์' }, { id: 'h-2', level: 3, text: 'ตาราง' }]);
    expect(out.text.split('\n')).toEqual(['การบำรุงรักษาเครื่องยนต์', 'ตรวจ น้ำมัน และ คู่มือ', 'ข้อหนึ่ง', 'ตาราง', 'รายการ', 'ค่า', 'แรงดัน', '220 V', 'เครื่องยนต์']);
  });

  it('counts reading time in Thai words', () => {
    expect(readingMinutes('สวัสดี')).toBe(1);
    expect(readingMinutes('การบำรุงรักษาเครื่องยนต์ '.repeat(400))).toBeGreaterThanOrEqual(5);
    expect(documentText(doc(paragraph(text('ก')), paragraph(text('ข'))))).toBe('ก\nข');
  });
});

describe('checking a posted document', () => {
  const refused = (value: unknown) => {
    const result = typeof value === 'string' ? parseRichText(value) : checkRichText(value);
    if (result.ok) throw new Error('accepted');
    return result.error;
  };

  it('refuses invalid JSON, a document too large, unknown nodes and marks, each with Thai and English', () => {
    expect(refused('{"type":"doc",')).toMatchObject({ code: 'invalid-json', th: expect.stringMatching(/JSON/), en: 'The document is not valid JSON.' });
    expect(refused(JSON.stringify(doc(paragraph(text('ก'.repeat(maxDocumentChars))))))).toMatchObject({ code: 'too-large' });
    expect(refused(doc({ type: 'script', content: [text('x')] }))).toMatchObject({ code: 'forbidden-node', en: 'Content of type "script" is not allowed.' });
    expect(refused(doc(paragraph(text('x', [{ type: 'textStyle', attrs: { color: 'red' } }]))))).toMatchObject({ code: 'forbidden-mark' });
    expect(refused({ type: 'paragraph' })).toMatchObject({ code: 'not-a-document' });
    expect(refused(doc({ type: 'heading', attrs: { level: 1 }, content: [text('x')] }))).toMatchObject({ code: 'bad-attribute' });
    // Known nodes in the wrong place: a table cell straight under the document.
    expect(refused(doc(cell('tableCell', 'x')))).toMatchObject({ code: 'not-a-document' });
    expect(refused({ type: 'doc', content: [paragraph(text('x'))].concat(Array.from({ length: 1 }, () => ({ type: 'doc' }))) })).toMatchObject({ code: 'forbidden-node' });
  });

  it('allows links to http, https and mailto only, images from our uploads, YouTube by id', () => {
    for (const href of ['https://a.example/', 'http://a.example', 'mailto:a@b.example', '/articles/x']) expect(isAllowedHref(href), href).toBe(true);
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example', 'file:///etc/passwd']) {
      expect(isAllowedHref(href), href).toBe(false);
    }
    expect(youtubeId('https://youtu.be/dQw4w9WgXcQ')).toBe('dQw4w9WgXcQ');
    expect(youtubeId('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ')).toBe('dQw4w9WgXcQ');
    expect(youtubeId('https://evil.example/watch?v=dQw4w9WgXcQ')).toBeUndefined();
    expect(youtubeId('https://youtube.com.evil.example/embed/dQw4w9WgXcQ')).toBeUndefined();
    expect(refused(doc({ type: 'image', attrs: { src: 'https://evil.example/x.png' } }))).toMatchObject({ code: 'bad-image' });
    expect(refused(doc({ type: 'youtube', attrs: { src: 'https://vimeo.com/1' } }))).toMatchObject({ code: 'bad-video' });
    expect(refused(doc({ type: 'h5pActivity', attrs: { activityId: '"><script>' } }))).toMatchObject({ code: 'bad-h5p' });
  });
});

describe('no script survives', () => {
  const forbidden = [/<script/i, /\son\w+\s*=/i, /javascript:/i, /data:/i, /<svg/i, /style=/i, /<iframe[^>]*>[^]*<iframe/i, /<object/i, /<embed/i, /<form/i, /<math/i, /<base/i, /<meta/i, /<link/i];
  /** Each tag, its quoted values emptied, must be harmless; text (escaped) may say anything. */
  const clean = (html: string) => {
    const tags = html.match(/<[^>]*>?/g) ?? [];
    for (const tag of tags) {
      const bare = tag.replace(/"[^"]*"/g, '""');
      for (const pattern of forbidden) expect(bare, `${pattern} in ${html}`).not.toMatch(pattern);
      if (/^<iframe/i.test(tag)) expect(tag, html).toMatch(/ src="https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]+"/);
      for (const url of tag.matchAll(/(?:href|src)="([^"]*)"/g)) expect(url[1], html).toMatch(/^(https:\/\/|http:\/\/|mailto:|\/media\/)/);
    }
  };

  it('drops scripts, event handlers, foreign URLs, SVG, styles and nested frames from any HTML', () => {
    const corpus = [
      '<script>alert(1)</script><p>ok</p>',
      '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
      '<img src="x" onerror="alert(1)">',
      `<img src="${image}" onerror="alert(1)" onload=alert(1)>`,
      '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="JaVaScRiPt&#58;alert(1)">x</a>',
      '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
      '<svg onload="alert(1)"><circle r="1"/></svg>',
      '<svg><script>alert(1)</script></svg>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<p style="background:url(javascript:alert(1))">x</p>',
      '<div style="position:fixed;inset:0">x</div>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<iframe src="https://evil.example/"></iframe>',
      '<iframe src="https://www.youtube-nocookie.com/embed/abc"><iframe src="https://evil.example/"></iframe></iframe>',
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      '<object data="x.swf"></object><embed src="x.swf">',
      '<form action="https://evil.example"><input name=x></form>',
      '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
      '<link rel=stylesheet href=https://evil.example/x.css>',
      '<div data-h5p-activity="x" onclick="alert(1)">x</div>',
      '<h2 id="x" onmouseover="alert(1)">x</h2>',
      '<p><b onclick=alert(1)>unclosed <i>marks</b></i>',
      '<<script>script>alert(1)<</script>/script>',
      '<video src="/media/0123456789abcdef-01234567.mp4" onplay="alert(1)" poster="javascript:alert(1)"></video>',
      '<a href="https://ok.example" target="_blank" onfocus="alert(1)" autofocus>x</a>',
    ];
    for (const payload of corpus) clean(sanitizeRichHtml(payload));
    expect(sanitizeRichHtml(corpus[16]!).match(/<iframe/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(sanitizeRichHtml('<p>ok<script>alert(1)</script></p>')).toBe('<p>ok</p>');
  });

  it('renders hostile text as text and refuses hostile attributes in a document', () => {
    const out = render(doc(
      paragraph(text('<script>alert(1)</script><img src=x onerror=alert(1)>')),
      { type: 'heading', attrs: { level: 2, id: '" onclick="alert(1)' }, content: [text('<svg onload=alert(1)>')] },
      { type: 'image', attrs: { src: image, alt: '" onerror="alert(1)', style: 'x', onerror: 'alert(1)' } },
      paragraph(text('x', [{ type: 'link', attrs: { href: 'https://ok.example', target: '_blank', onclick: 'alert(1)', class: 'x' } }])),
    ));
    clean(out.html);
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out.html).toContain('alt="&quot; onerror=&quot;alert(1)"');
    expect(out.html).not.toContain('target=');
    for (const href of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x']) {
      expect(checkRichText(doc(paragraph(text('x', [{ type: 'link', attrs: { href } }]))))).toMatchObject({ ok: false, error: { code: 'bad-link' } });
    }
    for (const type of ['iframe', 'svg', 'script', 'htmlBlock', 'style']) {
      expect(checkRichText(doc({ type, attrs: { src: 'https://evil.example' } }))).toMatchObject({ ok: false, error: { code: 'forbidden-node' } });
    }
    expect(checkRichText(doc(paragraph(text('x', [{ type: 'bold' }, { type: 'link' }]))))).toMatchObject({ ok: false, error: { code: 'bad-link' } });
    expect(checkRichText(doc(paragraph(text('x', 'bold' as never))))).toMatchObject({ ok: false, error: { code: 'forbidden-mark' } });
    expect(checkRichText(doc({ type: 'paragraph', marks: [{ type: 'bold' }], content: [text('x')] }))).toMatchObject({ ok: false, error: { code: 'forbidden-mark' } });
  });
});
