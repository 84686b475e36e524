// The H5P routes over real HTTP: an admin uploads a package and it plays at once; a refused one writes nothing;
// the player page and its files carry the headers a sandboxed, opaque-origin player needs and no more.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPage, signedInUser } from '../helpers/accounts.ts';
import { demoPackageFiles, text, zip } from '../helpers/h5p-packages.ts';
import { tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

const uploads = tempDir('ic-h5p-uploads-');
afterAll(() => uploads.remove());
const app = useServer({ env: { UPLOADS_DIR: uploads.path } });

function upload(id: string, archive: Buffer, cookie: string, path = '/admin/h5p') {
  const form = new FormData();
  form.append('intent', 'upload');
  form.append('id', id);
  form.append('package', new Blob([new Uint8Array(archive)]), 'activity.h5p');
  return fetch(app.server.url + path, { method: 'POST', body: form, headers: { cookie, origin: app.server.url }, redirect: 'manual' });
}

const installedIds = () => (existsSync(join(uploads.path, 'h5p')) ? readdirSync(join(uploads.path, 'h5p')) : []);

describe('H5P routes', () => {
  it('an admin uploads a package; it is listed and plays from its own folder', async () => {
    const { cookie } = await signedInUser(app.db, { role: 'admin' });
    const response = await upload('hotel-quiz-copy', zip(demoPackageFiles('hotel-front-office-check-in')), cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/h5p/hotel-quiz-copy?done=installed');
    expect(installedIds()).toEqual(['hotel-quiz-copy']);

    const list = await (await getPage(app.server, '/en/admin/h5p', cookie)).text();
    expect(list).toContain('hotel-quiz-copy');
    expect(list).toContain('Hotel front office: checking a guest in');
    const preview = await getPage(app.server, '/admin/h5p/hotel-quiz-copy', cookie);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('data-src="/h5p/embed/hotel-quiz-copy"');

    const h5pJson = await getPage(app.server, '/h5p/files/hotel-quiz-copy/h5p.json');
    expect(h5pJson.status).toBe(200);
    expect(h5pJson.headers.get('access-control-allow-origin')).toBe('*');
    expect(h5pJson.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // Libraries come from the installed ones when the package did not bring them.
    const library = await getPage(app.server, '/h5p/files/hotel-quiz-copy/libraries/H5P.IcMultipleChoice-1.0/library.json');
    expect(library.status).toBe(200);
  });

  it('a refused package is answered with its reason in Thai and English, and nothing is written', async () => {
    const { cookie } = await signedInUser(app.db, { role: 'admin' });
    const before = installedIds();
    const response = await upload('traversal', zip({ ...demoPackageFiles(), '../../evil.json': text('{}') }), cookie);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('ชื่อไฟล์ในแพ็กเกจไม่ปลอดภัย: ../../evil.json');
    const english = await (await upload('php-file', zip({ ...demoPackageFiles(), 'content/x.php': text('<?php') }), cookie, '/en/admin/h5p')).text();
    expect(english).toContain('This kind of file is not allowed in an H5P package: content/x.php');
    const badId = await upload('../up', zip(demoPackageFiles()), cookie);
    expect(badId.status).toBe(400);
    expect(installedIds()).toEqual(before);
    expect(readdirSync(uploads.path).filter((name) => name.startsWith('.incoming-'))).toEqual([]);
  });

  it('only admins upload', async () => {
    for (const role of ['student', 'teacher', 'expert'] as const) {
      const { cookie } = await signedInUser(app.db, { role });
      const response = await upload(`by-${role}`, zip(demoPackageFiles()), cookie);
      expect(response.status).toBe(403);
    }
    const anonymous = await fetch(`${app.server.url}/admin/h5p`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(installedIds()).not.toContain('by-student');
  });

  it('the player page has its own policy: sandboxed, inline styles allowed, scripts only from the site', async () => {
    const response = await getPage(app.server, '/h5p/embed/electrical-safety-ppe');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('sandbox allow-scripts');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'self'");
    const html = await response.text();
    expect(html).toContain('<script src="/h5p/player/main.bundle.js"></script>');
    expect(html).not.toMatch(/<script>(?!<)/);
    // The site's own pages keep their strict policy (no inline styles or scripts beyond Astro's hashes).
    const home = (await getPage(app.server, '/')).headers.get('content-security-policy') ?? '';
    expect(home).not.toContain('unsafe-inline');
    expect(home).toContain("default-src 'self'");
  });

  it('serves h5p-standalone from the project, and nothing outside an activity or the player', async () => {
    const bundle = await getPage(app.server, '/h5p/player/main.bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const frame = await (await getPage(app.server, '/h5p/player/embed-frame.js')).text();
    expect(frame).toContain('postMessage');
    for (const path of [
      '/h5p/player/..%2F..%2Fpackage.json',
      '/h5p/files/electrical-safety-ppe/..%2F..%2F..%2Fpackage.json',
      '/h5p/files/electrical-safety-ppe/content/..%2F..%2Fdiesel-engine-fuel-system%2Fh5p.json',
      '/h5p/files/electrical-safety-ppe/libraries/..%2F..%2Fsrc%2Fserver%2Fenv.ts',
      '/h5p/files/no-such-activity/h5p.json',
      '/h5p/embed/no-such-activity',
    ]) {
      const response = await getPage(app.server, path);
      expect(response.status, path).toBe(404);
    }
    const svgPolicy = (await getPage(app.server, '/h5p/files/electrical-safety-ppe/h5p.json')).headers.get('content-security-policy');
    expect(svgPolicy).toContain('sandbox');
  });
});
