// Who may enroll in a run, and when: the enrollment window, the capacity and its waitlist, the course's audience.
import type { Role, StudentLevel } from '../auth/roles.ts';
import type { Level } from '../content/schemas/common.ts';

export const runModes = ['online', 'on-site', 'blended'] as const;
export type RunMode = (typeof runModes)[number];

export type Audience = Level | 'public';
export type EnrollmentStatus = 'enrolled' | 'waitlisted' | 'left';

/** Why an enrollment is refused; each has a Thai and English message under `courses.refused.<reason>`. */
export type EnrollRefusal = 'not-open' | 'closed' | 'full' | 'audience';

export interface RunWindow {
  enrollOpensAt: Date;
  enrollClosesAt: Date;
  capacity: number;
}

export interface EnrollRequest {
  now: Date;
  run: RunWindow;
  /** People enrolled now (not waitlisted, not left). */
  enrolledCount: number;
  /** This person's current row in the run, if any. */
  current: EnrollmentStatus | undefined;
  /** `enroll` asks for a place; `waitlist` accepts a place in the queue when the run is full. */
  intent: 'enroll' | 'waitlist';
  admitted: boolean;
}

export type EnrollDecision = { outcome: 'enrolled' | 'waitlisted' | 'unchanged' } | { outcome: 'refused'; reason: EnrollRefusal };

/** The audiences a course names decide who it admits: a teacher-training course admits teachers, and so on. */
export function admits(audience: readonly Audience[], person: { role: Role; studentLevel: StudentLevel | null }): boolean {
  if (person.role === 'admin' || audience.includes('public')) return true;
  if (person.role === 'teacher' || person.role === 'expert') return audience.includes('teacher-development');
  return audience.includes('short-course') || (person.studentLevel !== null && audience.includes(person.studentLevel));
}

/** Whether the run takes enrollments at `now`. */
export function windowState(run: RunWindow, now: Date): 'not-open' | 'open' | 'closed' {
  if (now < run.enrollOpensAt) return 'not-open';
  return now > run.enrollClosesAt ? 'closed' : 'open';
}

/** A run as a course page shows it: its window now, and whether the viewer is in it or teaches it. */
export interface ShownRun {
  run: { startsOn: Date };
  window: 'not-open' | 'open' | 'closed';
  status?: string;
  teaches?: boolean;
}

/**
 * A course page's runs in the order a trainee needs them: runs open for enrollment, then those opening later (each by
 * start), first; runs whose enrollment has closed, newest first, apart, unless the viewer is in one or teaches it.
 */
export function arrangeRuns<R extends ShownRun>(runs: readonly R[]): { current: R[]; past: R[] } {
  const rank = { open: 0, 'not-open': 1, closed: 2 } as const;
  const isCurrent = (r: R) => r.window !== 'closed' || r.status !== undefined || r.teaches === true;
  const current = runs.filter(isCurrent).sort((a, b) => rank[a.window] - rank[b.window] || a.run.startsOn.getTime() - b.run.startsOn.getTime());
  const past = runs.filter((r) => !isCurrent(r)).sort((a, b) => b.run.startsOn.getTime() - a.run.startsOn.getTime());
  return { current, past };
}

/** What an enroll (or join-the-waitlist) request does. Enrolling twice is harmless: it changes nothing. */
export function decideEnrollment(request: EnrollRequest): EnrollDecision {
  if (request.current === 'enrolled' || request.current === 'waitlisted') return { outcome: 'unchanged' };
  const window = windowState(request.run, request.now);
  if (window !== 'open') return { outcome: 'refused', reason: window };
  if (!request.admitted) return { outcome: 'refused', reason: 'audience' };
  if (request.enrolledCount < request.run.capacity) return { outcome: 'enrolled' };
  return request.intent === 'waitlist' ? { outcome: 'waitlisted' } : { outcome: 'refused', reason: 'full' };
}

/** How many from the head of the waitlist move up when places are free. */
export function placesToFill(capacity: number, enrolledCount: number, waiting: number): number {
  return Math.max(0, Math.min(waiting, capacity - enrolledCount));
}
