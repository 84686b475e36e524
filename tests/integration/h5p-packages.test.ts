// Every crafted .h5p an attacker (or a careless export) could send is refused with a message in Thai and English,
// and nothing is written; a good package is installed whole into its own folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installH5pPackage, validateH5pPackage, H5pPackageError, type H5pProblem } from '../../src/server/h5p/package.ts';
import { claimSize, demoPackageFiles, renameEntry, text, zip } from '../helpers/h5p-packages.ts';
import { tempDir } from '../helpers/server.ts';

const store = tempDir('ic-h5p-install-');
afterAll(() => store.remove());
const root = join(store.path, 'h5p');

/** Everything under the install root, so a test can say nothing was written. */
const written = () => (existsSync(root) ? readdirSync(root, { recursive: true }) : []);

async function refusal(archive: Buffer | string, options: Parameters<typeof validateH5pPackage>[1] = {}): Promise<H5pPackageError> {
  const before = written();
  const error = await installH5pPackage(archive, { id: `refused-${Math.random().toString(36).slice(2, 8)}`, root, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(H5pPackageError);
  expect(written()).toEqual(before);
  return error as H5pPackageError;
}

async function expectRefused(archive: Buffer, problem: H5pProblem, options?: Parameters<typeof validateH5pPackage>[1]) {
  const error = await refusal(archive, options);
  expect(error.problem).toBe(problem);
  return error;
}

const good = demoPackageFiles();

describe('validating and installing .h5p packages', () => {
  it('installs a good package into its own folder, readable as an activity', async () => {
    const installed = await installH5pPackage(zip(good), { id: 'ppe-copy', root });
    expect(installed.title).toBe('ความปลอดภัยงานไฟฟ้า: อุปกรณ์ป้องกันส่วนบุคคล');
    expect(readFileSync(join(root, 'ppe-copy', 'content', 'content.json'), 'utf8')).toContain('ถุงมือยางกันไฟฟ้า');
    expect(readdirSync(root)).toEqual(['ppe-copy']);
  });

  it('accepts a library the package brings with it, and checks what that library needs', async () => {
    const library = { title: 'Note', machineName: 'H5P.IcNote', majorVersion: 1, minorVersion: 2, preloadedJs: [{ path: 'note.js' }], preloadedDependencies: [{ machineName: 'H5P.IcQuestion', majorVersion: 1, minorVersion: 0 }] };
    const h5p = { title: 'โน้ต', mainLibrary: 'H5P.IcNote', preloadedDependencies: [{ machineName: 'H5P.IcNote', majorVersion: 1, minorVersion: 2 }] };
    const files = { 'h5p.json': text(JSON.stringify(h5p)), 'content/content.json': text('{}'), 'H5P.IcNote-1.2/library.json': text(JSON.stringify(library)), 'H5P.IcNote-1.2/note.js': text('H5P.IcNote = function () {};') };
    const installed = await installH5pPackage(zip(files), { id: 'with-library', root });
    expect(existsSync(join(installed.path, 'H5P.IcNote-1.2', 'note.js'))).toBe(true);

    const { 'H5P.IcNote-1.2/note.js': _script, ...missingScript } = files;
    expect((await expectRefused(zip(missingScript), 'bad-library')).message).toContain('H5P.IcNote-1.2');
    const needsMissing = { ...files, 'H5P.IcNote-1.2/library.json': text(JSON.stringify({ ...library, preloadedDependencies: [{ machineName: 'H5P.Gone', majorVersion: 9, minorVersion: 9 }] })) };
    expect((await expectRefused(zip(needsMissing), 'missing-library')).message).toContain('H5P.Gone-9.9');
  });

  it('refuses path traversal, absolute and backslash entries', async () => {
    for (const name of ['../evil.json', 'content/../../evil.json', '/etc/evil.json', 'C:/evil.json', 'content\\..\\..\\evil.json', 'content//twice.json', './content/x.json']) {
      const error = await expectRefused(zip({ ...good, [name]: text('{}') }), 'unsafe-path');
      expect(error.message).toContain('ชื่อไฟล์ในแพ็กเกจไม่ปลอดภัย');
      expect(error.message).toContain('A file name in the package is unsafe');
    }
  });

  it('refuses a zip bomb: too large once unpacked, or lying about its sizes', async () => {
    const zeros = new Uint8Array(3 * 1024 * 1024);
    const bomb = zip({ ...good, 'content/zeros.txt': zeros });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const tooLarge = await expectRefused(bomb, 'too-large', { limits: { maxEntries: 100, maxUncompressedBytes: 2 * 1024 * 1024 } });
    expect(tooLarge.message).toContain('2 MB');
    // Headers that say 100 bytes for 3 MiB of zeros: decompression stops at the claim.
    await expectRefused(claimSize(bomb, 'content/zeros.txt', 100), 'corrupt');
    const many = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`content/f${i}.txt`, text('x')]));
    await expectRefused(zip({ ...good, ...many }), 'too-many-entries');
  });

  it('refuses files H5P does not allow: .php, .html, .exe, and code outside a library', async () => {
    for (const name of ['content/shell.php', 'content/page.html', 'content/setup.exe', 'content/run.js', 'content/noextension', 'readme.txt', 'random-folder/image.png']) {
      const error = await expectRefused(zip({ ...good, [name]: text('<?php system($_GET["c"]);') }), 'extension');
      expect(error.message).toContain(name);
    }
  });

  it('refuses symbolic links and duplicate entries', async () => {
    const link = zip({ ...good, 'content/link.json': [text('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect((await expectRefused(link, 'link')).message).toContain('content/link.json');
    const twice = renameEntry(zip({ ...good, 'content/aa.json': text('{}'), 'content/bb.json': text('{}') }), 'content/bb.json', 'content/aa.json');
    await expectRefused(twice, 'duplicate');
    await expectRefused(zip({ ...good, 'content/Image.png': text('x'), 'content/image.png': text('y') }), 'duplicate');
  });

  it('refuses a package without a readable h5p.json or content, or whose library is missing', async () => {
    await expectRefused(zip({ 'content/content.json': good['content/content.json']! }), 'missing-h5p-json');
    await expectRefused(zip({ ...good, 'h5p.json': text('{ not json') }), 'bad-h5p-json');
    await expectRefused(zip({ ...good, 'h5p.json': text(JSON.stringify({ title: 'x', mainLibrary: 'H5P.A', preloadedDependencies: [{ machineName: 'H5P.B', majorVersion: 1, minorVersion: 0 }] })) }), 'bad-h5p-json');
    await expectRefused(zip({ 'h5p.json': good['h5p.json']! }), 'missing-content');
    const unknown = JSON.stringify({ title: 'ไม่มีไลบรารี', mainLibrary: 'H5P.MultiChoice', preloadedDependencies: [{ machineName: 'H5P.MultiChoice', majorVersion: 1, minorVersion: 16 }] });
    const error = await expectRefused(zip({ ...good, 'h5p.json': text(unknown) }), 'missing-library');
    expect(error.message).toBe('ไม่พบไลบรารี H5P.MultiChoice-1.16 ทั้งในแพ็กเกจและในระบบ / The library H5P.MultiChoice-1.16 is neither in the package nor installed.');
  });

  it('refuses what is not a zip, an encrypted entry, and an id already taken', async () => {
    await expectRefused(Buffer.from('%PDF-1.4 not a package'), 'not-zip');
    const encrypted = zip(good);
    // Set the "encrypted" flag of the first entry in the central directory.
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    await expectRefused(encrypted, 'unsupported-zip');
    const taken = await refusal(zip(good), { id: 'ppe-copy' } as never);
    expect(taken.problem).toBe('id-taken');
    // A curated activity's id is taken too.
    expect((await refusal(zip(good), { id: 'electrical-safety-ppe' } as never)).problem).toBe('id-taken');
  });

  it('validates the demo activities as the packages they are', async () => {
    for (const id of readdirSync(new URL('../../content/h5p/activities/', import.meta.url).pathname)) {
      const accepted = await validateH5pPackage(zip(demoPackageFiles(id)));
      expect(accepted.h5p.preloadedDependencies.length).toBeGreaterThan(0);
    }
  });
});
