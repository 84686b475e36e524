import { describe, expect, it } from 'vitest';
import { splitAtActivities } from '../../src/lib/h5p/placeholders.ts';

describe('H5P placeholders in rendered rich text', () => {
  it('splits the HTML where each activity goes, keeping everything else as it was', () => {
    const html = '<p>ก่อน</p><div data-h5p-activity="quiz-1" class="h5p-activity">กิจกรรม H5P</div><p>ระหว่าง</p><div class="h5p-activity" data-h5p-activity="quiz_2"><p class="muted">แบบทดสอบ</p></div>';
    const parts = splitAtActivities(html);
    expect(parts.map((p) => (p.kind === 'h5p' ? `h5p:${p.id}` : p.html))).toEqual(['<p>ก่อน</p>', 'h5p:quiz-1', '<p>ระหว่าง</p>', 'h5p:quiz_2']);
    expect(parts.map((p) => (p.kind === 'h5p' ? p.placeholder : p.html)).join('')).toBe(html);
  });

  it('leaves HTML without activities, and ids outside the allowed characters, alone', () => {
    expect(splitAtActivities('<p>x</p>')).toEqual([{ kind: 'html', html: '<p>x</p>' }]);
    const odd = '<div data-h5p-activity="a b">x</div>';
    expect(splitAtActivities(odd)).toEqual([{ kind: 'html', html: odd }]);
  });
});
