// The player page inside the sandboxed iframe, with its own Content-Security-Policy: H5P libraries need inline
// styles, which the site's policy forbids, and nothing in this page may reach the signed-in user's origin (the
// `sandbox` directive keeps the origin opaque even if the page is opened on its own).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, relative, isAbsolute } from 'node:path';
import { Readable } from 'node:stream';
import { pick, type Lang } from '../../i18n/index.ts';
import { contentTypeFor } from '../../lib/catalog/http-download.ts';
import { escapeHtml } from '../../lib/catalog/markdown.ts';
import { runEmbedFrame, type EmbedFrameConfig } from '../../lib/h5p/embed-frame.ts';
import { h5pChannel } from '../../lib/h5p/messages.ts';
import { activityFile, findActivity } from './activities.ts';
import { absoluteUrl } from '../site-url.ts';

export const embedCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  'sandbox allow-scripts',
].join('; ');

/** What files served for the player may do if opened on their own (an SVG, say): nothing. */
const fileCsp = "default-src 'none'; style-src 'unsafe-inline'; sandbox";


const text = (status: number, th: string, en: string) =>
  new Response(`${th}\n${en}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** /h5p/embed/<id>: the page the iframe loads. */
export function embedPage(id: string | undefined, lang: Lang): Response {
  const activity = findActivity(id);
  if (!activity) return text(404, 'ไม่พบกิจกรรม H5P นี้', 'H5P activity not found');
  const files = `/h5p/files/${activity.id}`;
  const config: EmbedFrameConfig = {
    channel: h5pChannel,
    activityId: activity.id,
    h5pJsonPath: files,
    contentJsonPath: `${files}/content`,
    librariesPath: `${files}/libraries`,
    frameJs: '/h5p/player/frame.bundle.js',
    frameCss: '/h5p/player/styles/h5p.css',
    xAPIObjectIRI: absoluteUrl(`/h5p/embed/${activity.id}`),
  };
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(pick(lang, activity.title, activity.titleEn))}</title>
<link rel="stylesheet" href="/h5p/player/sarabun/400.css">
<link rel="stylesheet" href="/h5p/player/sarabun/700.css">
<style>html,body{margin:0;background:#fff;font-family:Sarabun,sans-serif}</style>
</head>
<body>
<div id="h5p-player" data-config="${escapeHtml(JSON.stringify(config))}"></div>
<script src="/h5p/player/main.bundle.js"></script>
<script src="/h5p/player/embed-frame.js"></script>
</body>
</html>
`;
  return new Response(html, {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': embedCsp, 'Cache-Control': 'no-cache' },
  });
}

/** Where the player's own files come from: h5p-standalone's build, and the site's Thai font for the content. */
const packageDir = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
const playerRoots = () => [
  { prefix: 'sarabun/', root: packageDir('@fontsource/sarabun') },
  { prefix: '', root: join(packageDir('h5p-standalone'), 'dist') },
];

const frameScript = `(${runEmbedFrame.toString()})();\n`;

/** Headers for a file the sandboxed player fetches: its opaque origin needs CORS for JSON and fonts. */
function fileHeaders(name: string, size: number, cache: string): Headers {
  const type = contentTypeFor(name);
  return new Headers({
    'Content-Type': type,
    'Content-Length': String(size),
    'Access-Control-Allow-Origin': '*',
    'Content-Security-Policy': fileCsp,
    'Cache-Control': cache,
  });
}

function streamFile(path: string, name: string, cache: string, method: string): Response {
  const info = statSync(path);
  const body = method === 'HEAD' ? null : (Readable.toWeb(createReadStream(path)) as ReadableStream);
  return new Response(body, { headers: fileHeaders(name, info.size, cache) });
}

/** /h5p/player/<file>: h5p-standalone's own files and the Thai font from node_modules (no CDN), and the frame script. */
export function playerFile(file: string | undefined, method: string): Response {
  if (file === 'embed-frame.js') {
    const bytes = Buffer.from(frameScript);
    return new Response(method === 'HEAD' ? null : bytes, { headers: fileHeaders(file, bytes.length, 'no-cache') });
  }
  const from = playerRoots().find((r) => file?.startsWith(r.prefix));
  const root = from?.root ?? '';
  const path = resolve(root, (file ?? '').slice(from?.prefix.length ?? 0));
  const inside = relative(root, path);
  if (!from || !file || inside.startsWith('..') || isAbsolute(inside) || !existsSync(path) || !statSync(path).isFile()) {
    return text(404, 'ไม่พบไฟล์ที่ต้องการ', 'File not found');
  }
  return streamFile(path, file, 'public, max-age=86400', method);
}

/** /h5p/files/<id>/<path>: an activity's h5p.json, content and libraries. */
export function activityFileResponse(id: string | undefined, path: string | undefined, method: string): Response {
  const activity = findActivity(id);
  const file = activity && path ? activityFile(activity, path) : undefined;
  if (!file) return text(404, 'ไม่พบไฟล์ที่ต้องการ', 'File not found');
  return streamFile(file, path!, 'no-cache', method);
}
