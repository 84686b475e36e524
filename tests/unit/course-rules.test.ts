// The pure rules of short courses: who may enroll and when, the waitlist, completion, xAPI statements, outlines.
import { describe, expect, it } from 'vitest';
import { normalizeCertificateCode, newCertificateCode, certificateCodePattern } from '../../src/lib/courses/certificate-code.ts';
import { completionStatus, sessionsRequired } from '../../src/lib/courses/completion.ts';
import { admits, arrangeRuns, decideEnrollment, placesToFill, windowState } from '../../src/lib/courses/enrollment.ts';
import { lessonActivities, lessonPositionOf, lessonSlugOf, mergeLessons, nextLesson, outlineProblems, type CourseOutline, type Lesson } from '../../src/lib/courses/outline.ts';
import { activityIri, checkStatement, countsAsResult } from '../../src/lib/courses/xapi.ts';
import { renderLesson } from '../../src/lib/courses/lesson-html.ts';
import { parsePeopleList } from '../../src/lib/courses/roster-list.ts';

const day = 86_400_000;
const now = new Date('2026-06-01T03:00:00Z');
const run = { enrollOpensAt: new Date(now.getTime() - day), enrollClosesAt: new Date(now.getTime() + day), capacity: 2 };
const request = { now, run, enrolledCount: 0, current: undefined, intent: 'enroll', admitted: true } as const;

describe('enrollment', () => {
  it("puts runs open for enrollment first, then those opening later, and keeps closed runs apart unless the viewer is in one", () => {
    const at = (days: number) => new Date(now.getTime() + days * day);
    const shown = (id: string, window: 'open' | 'not-open' | 'closed', start: number, extra: { status?: string; teaches?: boolean } = {}) => ({ id, run: { startsOn: at(start) }, window, ...extra });
    const { current, past } = arrangeRuns([
      shown('old', 'closed', -300),
      shown('later', 'not-open', 60),
      shown('recent', 'closed', -30),
      shown('open-b', 'open', 20),
      shown('open-a', 'open', 10),
      shown('mine', 'closed', -200, { status: 'enrolled' }),
      shown('taught', 'closed', -100, { teaches: true }),
    ]);
    expect(current.map((r) => r.id)).toEqual(['open-a', 'open-b', 'later', 'mine', 'taught']);
    expect(past.map((r) => r.id)).toEqual(['recent', 'old']);
  });

  it('enrolls inside the window while places are free', () => {
    expect(decideEnrollment(request)).toEqual({ outcome: 'enrolled' });
    expect(decideEnrollment({ ...request, enrolledCount: 1 })).toEqual({ outcome: 'enrolled' });
  });
  it('refuses before the window opens and after it closes, whatever the places', () => {
    expect(decideEnrollment({ ...request, now: new Date(now.getTime() - 2 * day) })).toEqual({ outcome: 'refused', reason: 'not-open' });
    expect(decideEnrollment({ ...request, now: new Date(now.getTime() + 2 * day) })).toEqual({ outcome: 'refused', reason: 'closed' });
    expect(windowState(run, run.enrollOpensAt)).toBe('open');
    expect(windowState(run, run.enrollClosesAt)).toBe('open');
  });
  it('refuses a full run, or queues on the waitlist when asked to', () => {
    expect(decideEnrollment({ ...request, enrolledCount: 2 })).toEqual({ outcome: 'refused', reason: 'full' });
    expect(decideEnrollment({ ...request, enrolledCount: 2, intent: 'waitlist' })).toEqual({ outcome: 'waitlisted' });
    expect(decideEnrollment({ ...request, enrolledCount: 1, intent: 'waitlist' })).toEqual({ outcome: 'enrolled' });
  });
  it('is harmless twice, and lets a person who left come back', () => {
    expect(decideEnrollment({ ...request, current: 'enrolled', enrolledCount: 2 })).toEqual({ outcome: 'unchanged' });
    expect(decideEnrollment({ ...request, current: 'waitlisted', enrolledCount: 2 })).toEqual({ outcome: 'unchanged' });
    expect(decideEnrollment({ ...request, current: 'left' })).toEqual({ outcome: 'enrolled' });
  });
  it('refuses someone the course is not for', () => {
    expect(decideEnrollment({ ...request, admitted: false })).toEqual({ outcome: 'refused', reason: 'audience' });
  });
  it('admits teachers to teacher training, students by level, anyone to a public course', () => {
    const student = { role: 'student', studentLevel: 'hvc' } as const;
    const teacher = { role: 'teacher', studentLevel: null } as const;
    expect(admits(['teacher-development'], teacher)).toBe(true);
    expect(admits(['teacher-development'], student)).toBe(false);
    expect(admits(['hvc'], student)).toBe(true);
    expect(admits(['vc'], student)).toBe(false);
    expect(admits(['hvc'], teacher)).toBe(false);
    expect(admits(['vc', 'public'], teacher)).toBe(true);
    expect(admits(['short-course'], { role: 'student', studentLevel: 'public' })).toBe(true);
  });
  it('promotes from the waitlist only into free places', () => {
    expect(placesToFill(20, 19, 5)).toBe(1);
    expect(placesToFill(20, 20, 5)).toBe(0);
    expect(placesToFill(20, 15, 2)).toBe(2);
    expect(placesToFill(20, 25, 2)).toBe(0);
  });
});

describe('completion', () => {
  const rule = { lessons: ['a', 'b'], activities: ['q'], attendance: 0.5, units: ['U1'] };
  const none = { completedLessons: new Set<string>(), passedActivities: new Set<string>(), sessions: 3, attended: 0, passedUnits: new Set<string>() };
  it('counts every part and is complete only when each is done', () => {
    const start = completionStatus(rule, none);
    expect(start).toMatchObject({ complete: false, percent: 0, lessons: { done: 0, total: 2 }, attendance: { done: 0, total: 2 } });
    const most = completionStatus(rule, { ...none, completedLessons: new Set(['a', 'b']), passedActivities: new Set(['q']), attended: 2 });
    expect(most.complete).toBe(false);
    expect(most.percent).toBe(83);
    const all = completionStatus(rule, { ...none, completedLessons: new Set(['a', 'b', 'extra']), passedActivities: new Set(['q']), attended: 3, passedUnits: new Set(['U1']) });
    expect(all).toMatchObject({ complete: true, percent: 100, attendance: { done: 2, total: 2 } });
  });
  it('asks no attendance or assessment of a course that does not say so', () => {
    const online = completionStatus({ lessons: ['a'], activities: [] }, { ...none, completedLessons: new Set(['a']) });
    expect(online).toMatchObject({ complete: true, percent: 100 });
    expect(sessionsRequired(undefined, 4)).toBe(0);
    expect(sessionsRequired(0.8, 5)).toBe(4);
    expect(sessionsRequired(0.5, 3)).toBe(2);
  });
  it('never shows 100 % before completion', () => {
    const lessons = Array.from({ length: 300 }, (_, i) => `l${i}`);
    const status = completionStatus({ lessons, activities: [] }, { ...none, completedLessons: new Set(lessons.slice(1)) });
    expect(status.percent).toBe(99);
  });
});

describe('xAPI statements', () => {
  const context = { email: 'Learner@Example.org', userId: 7, activity: 'quiz-one' };
  const good = {
    id: '0b0f7a52-3c3c-4e0e-9a51-3d6a1c1f0d11',
    actor: { mbox: 'mailto:learner@example.org', objectType: 'Agent' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
    object: { id: activityIri('quiz-one') },
    result: { score: { raw: 3, min: 0, max: 4 }, success: true },
  };
  it('accepts a statement by this user about this activity, with its scaled score', () => {
    const checked = checkStatement(good, context);
    expect(checked).toMatchObject({ ok: true, statement: { scoreScaled: 0.75, wholeActivity: true } });
    expect(checked.ok && countsAsResult(checked.statement)).toBe(true);
    expect(checkStatement({ ...good, actor: { account: { homePage: 'https://x', name: '7' } } }, context).ok).toBe(true);
  });
  it("refuses another user's actor", () => {
    expect(checkStatement({ ...good, actor: { mbox: 'mailto:other@example.org' } }, context)).toEqual({ ok: false, reason: 'actor' });
    expect(checkStatement({ ...good, actor: { mbox: 'mailto:learner@example.org', account: { homePage: 'x', name: '8' } } }, context)).toEqual({ ok: false, reason: 'actor' });
    expect(checkStatement({ ...good, actor: {} }, context)).toEqual({ ok: false, reason: 'actor' });
  });
  it('refuses a statement about another activity', () => {
    expect(checkStatement({ ...good, object: { id: activityIri('quiz-two') } }, context)).toEqual({ ok: false, reason: 'activity' });
    expect(checkStatement({ ...good, object: { id: 'https://evil.example/quiz-one' } }, context)).toEqual({ ok: false, reason: 'activity' });
  });
  it('refuses scores out of range', () => {
    for (const score of [{ scaled: 1.5 }, { scaled: -0.1 }, { raw: 5, max: 4 }, { raw: 1, min: 2, max: 4 }, { raw: 1, max: 0 }, { raw: 3 }]) {
      expect(checkStatement({ ...good, result: { score } }, context), JSON.stringify(score)).toEqual({ ok: false, reason: 'score' });
    }
  });
  it('refuses malformed statements', () => {
    for (const bad of [null, 'x', { ...good, id: 'not-a-uuid' }, { ...good, verb: { id: 'answered' } }, { ...good, result: { score: { scaled: 'all' } } }]) {
      expect(checkStatement(bad, context)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
  it('stores sub-content statements without counting them as the result', () => {
    const checked = checkStatement({ ...good, object: { id: `${activityIri('quiz-one')}?subContentId=abc` } }, context);
    expect(checked.ok && checked.statement.wholeActivity).toBe(false);
    expect(checked.ok && countsAsResult(checked.statement)).toBe(false);
    const interacted = checkStatement({ ...good, verb: { id: 'http://adlnet.gov/expapi/verbs/interacted' } }, context);
    expect(interacted.ok && countsAsResult(interacted.statement)).toBe(false);
  });
});

describe('outlines and certificate codes', () => {
  const lesson = (slug: string, body = '', activities: string[] = []) => ({ slug, titleTh: slug, module: 'm', minutes: 5, required: true, activities, body });
  const outline: CourseOutline = {
    course: 'c',
    modules: [{ key: 'm', titleTh: 'M' }],
    units: [],
    activities: [{ id: 'q1', titleTh: 'Q', kind: 'true-false', required: true }],
    completion: { assessment: false },
    lessons: [lesson('one', 'text\n::h5p[q1]\nmore'), lesson('two', '', ['q1']), lesson('three')],
  };
  it('names lessons by their file', () => {
    expect(lessonSlugOf('03-reading-fault-codes.md')).toBe('reading-fault-codes');
    expect(lessonSlugOf('course.yaml')).toBeUndefined();
    expect(lessonSlugOf('3-x.md')).toBeUndefined();
  });
  it('finds activities placed in a lesson and listed by it, once each', () => {
    expect(lessonActivities(outline.lessons[0]!)).toEqual(['q1']);
    expect(lessonActivities(outline.lessons[1]!)).toEqual(['q1']);
    expect(outlineProblems(outline)).toEqual([]);
    expect(outlineProblems({ ...outline, lessons: [lesson('x', '::h5p[nope]')] })).toEqual(['x: unknown activity nope']);
  });
  it('resumes at the first lesson not finished from where the learner stopped', () => {
    expect(nextLesson(outline, new Set(), null)?.slug).toBe('one');
    expect(nextLesson(outline, new Set(['one']), 'one')?.slug).toBe('two');
    expect(nextLesson(outline, new Set(['two', 'three']), 'three')?.slug).toBe('one');
    expect(nextLesson(outline, new Set(['one', 'two', 'three']), 'two')?.slug).toBe('two');
  });
  it('makes codes that read back, and refuses what cannot be one', () => {
    const code = newCertificateCode();
    expect(code).toMatch(certificateCodePattern);
    expect(normalizeCertificateCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeCertificateCode('ABCD-EFGH-IJK0')).toBeUndefined();
    expect(normalizeCertificateCode('../../etc')).toBeUndefined();
  });
});

describe('lessons written on the web', () => {
  const lesson = (slug: string, position: number, web?: 'web'): Lesson => ({ slug, position, titleTh: slug, module: 'm', minutes: 10, required: true, activities: [], body: web ? '' : 'text', ...(web ? { document: { type: 'doc', content: [] } } : {}) });
  it('replace the file lesson of their slug, are added otherwise, and follow the positions (a file first on a tie)', () => {
    const files = [lesson('intro', 1), lesson('safety', 2), lesson('wiring', 3)];
    const merged = mergeLessons(files, [lesson('safety', 2, 'web'), lesson('extra', 3, 'web'), lesson('first', 0, 'web')]);
    expect(merged.map((l) => [l.slug, l.document === undefined ? 'file' : 'web'])).toEqual([
      ['first', 'web'],
      ['intro', 'file'],
      ['safety', 'web'],
      ['wiring', 'file'],
      ['extra', 'web'],
    ]);
    expect(mergeLessons(files, [])).toEqual(files);
    expect([lessonPositionOf('03-reading-fault-codes.md'), lessonPositionOf('120-x.md')]).toEqual([3, 120]);
  });
});

describe('lesson text and people lists', () => {
  it('turns ::h5p lines and listed activities into placeholders, once each, and keeps raw HTML as text', () => {
    const html = renderLesson('Intro\n\n::h5p[quiz-a]\n\n<script>alert(1)</script>', ['quiz-a', 'quiz-b'], (id) => `Activity ${id} <b>`);
    expect(html.match(/data-h5p-activity="quiz-a"/g)).toHaveLength(1);
    expect(html.indexOf('quiz-a')).toBeLessThan(html.indexOf('quiz-b'));
    expect(html).toContain('Activity quiz-b &lt;b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p>Intro</p>');
  });
  it('reads plain emails or CSV with email and name columns, naming the lines that are not emails', () => {
    expect(parsePeopleList('A@x.example\n\nb@x.example, บี\na@x.example')).toEqual({
      people: [{ email: 'a@x.example', name: undefined }, { email: 'b@x.example', name: 'บี' }],
      bad: [],
    });
    expect(parsePeopleList('\uFEFFname,email\n"ทอง, ดี",t@x.example\nnobody,nope')).toEqual({ people: [{ email: 't@x.example', name: 'ทอง, ดี' }], bad: [3] });
  });
});
