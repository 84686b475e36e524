// The pure rules behind H5P package validation and the player's messages.
import { describe, expect, it } from 'vitest';
import { isFrameMessage, maxStateLength } from '../../src/lib/h5p/messages.ts';
import { entryKey, entryNameProblem, entryPlace, extensionAllowed, parseLibraryFolder } from '../../src/lib/h5p/package-rules.ts';

describe('package entry rules', () => {
  it('accepts plain relative names and refuses every way out of the folder', () => {
    for (const name of ['h5p.json', 'content/content.json', 'content/images/ไฟฟ้า.png', 'H5P.IcQuestion-1.0/question.js', 'content/']) {
      expect(entryNameProblem(name), name).toBeUndefined();
    }
    for (const name of ['', '../x.json', 'a/../../x', '/abs.json', 'C:/x.json', 'c:x.json', 'a\\b.json', 'a//b.json', './a.json', 'a/./b.json', 'a\u0000.json', 'x'.repeat(256)]) {
      expect(entryNameProblem(name), JSON.stringify(name)).toBe('unsafe-path');
    }
  });

  it('places entries and allows code only inside library folders', () => {
    expect(entryPlace('h5p.json')).toEqual({ kind: 'h5p-json' });
    expect(entryPlace('content/a.png')).toEqual({ kind: 'content' });
    expect(entryPlace('H5P.MultiChoice-1.16/js/x.js')).toEqual({ kind: 'library', folder: 'H5P.MultiChoice-1.16' });
    expect(entryPlace('other/a.png')).toEqual({ kind: 'other' });
    expect(extensionAllowed('H5P.MultiChoice-1.16/js/x.js')).toBe(true);
    expect(extensionAllowed('content/x.js')).toBe(false);
    expect(extensionAllowed('content/x.PNG')).toBe(true);
    for (const name of ['content/a.php', 'content/a.html', 'content/a.exe', 'content/a.swf', 'H5P.X-1.0/a.php', 'content/a']) expect(extensionAllowed(name), name).toBe(false);
  });

  it('reads library folder names and compares names as a case-insensitive disk would', () => {
    expect(parseLibraryFolder('H5P.IcFillBlanks-1.0')).toEqual({ machineName: 'H5P.IcFillBlanks', majorVersion: 1, minorVersion: 0 });
    expect(parseLibraryFolder('content')).toBeUndefined();
    expect(parseLibraryFolder('H5P.X-1')).toBeUndefined();
    expect(entryKey('Content/A.png')).toBe(entryKey('content/a.png'));
  });
});

describe('player messages', () => {
  const base = { channel: 'ic-h5p', activityId: 'quiz' };
  it('accepts the player\'s messages for this activity only', () => {
    expect(isFrameMessage({ ...base, type: 'ready' }, 'quiz')).toBe(true);
    expect(isFrameMessage({ ...base, type: 'xapi', statement: { verb: { id: 'x' } } }, 'quiz')).toBe(true);
    expect(isFrameMessage({ ...base, type: 'state', state: '{}' }, 'quiz')).toBe(true);
    expect(isFrameMessage({ ...base, type: 'resize', height: 300 }, 'quiz')).toBe(true);
    expect(isFrameMessage({ ...base, type: 'ready' }, 'other')).toBe(false);
    expect(isFrameMessage({ ...base, channel: 'x', type: 'ready' }, 'quiz')).toBe(false);
    expect(isFrameMessage({ ...base, type: 'xapi', statement: [] }, 'quiz')).toBe(false);
    expect(isFrameMessage({ ...base, type: 'state', state: 'x'.repeat(maxStateLength + 1) }, 'quiz')).toBe(false);
    expect(isFrameMessage({ ...base, type: 'resize', height: Infinity }, 'quiz')).toBe(false);
    expect(isFrameMessage({ ...base, type: 'start' }, 'quiz')).toBe(false);
    expect(isFrameMessage('ready', 'quiz')).toBe(false);
    expect(isFrameMessage(null, 'quiz')).toBe(false);
  });
});
