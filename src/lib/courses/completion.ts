// The completion rule of a course, and how far a learner is along it: pure, so the page, the progress bar and the
// certificate all judge the same facts the same way.

export interface CompletionRule {
  /** Lessons that must be opened to their end. */
  lessons: readonly string[];
  /** Activities that must be passed. */
  activities: readonly string[];
  /** Share of on-site sessions to attend (0..1), when the course asks for attendance. */
  attendance?: number | undefined;
  /** Competency units whose practical assessment must be passed, when the course asks for it. */
  units?: readonly string[] | undefined;
}

export interface LearnerFacts {
  completedLessons: ReadonlySet<string>;
  passedActivities: ReadonlySet<string>;
  sessions: number;
  attended: number;
  passedUnits: ReadonlySet<string>;
}

export interface Part {
  done: number;
  total: number;
}

export interface CompletionStatus {
  lessons: Part;
  activities: Part;
  attendance: Part;
  units: Part;
  /** 0..100, whole numbers; 100 only when complete. */
  percent: number;
  complete: boolean;
}

const count = (required: readonly string[], done: ReadonlySet<string>): Part => ({
  done: required.filter((id) => done.has(id)).length,
  total: required.length,
});

/** Sessions a learner must attend: the share asked for, rounded up, of the run's sessions. */
export function sessionsRequired(share: number | undefined, sessions: number): number {
  return share === undefined ? 0 : Math.ceil(share * sessions - 1e-9);
}

export function completionStatus(rule: CompletionRule, facts: LearnerFacts): CompletionStatus {
  const lessons = count(rule.lessons, facts.completedLessons);
  const activities = count(rule.activities, facts.passedActivities);
  const needed = sessionsRequired(rule.attendance, facts.sessions);
  const attendance = { done: Math.min(facts.attended, needed), total: needed };
  const units = count(rule.units ?? [], facts.passedUnits);
  const parts = [lessons, activities, attendance, units];
  const total = parts.reduce((sum, p) => sum + p.total, 0);
  const done = parts.reduce((sum, p) => sum + p.done, 0);
  const complete = parts.every((p) => p.done >= p.total);
  const percent = complete ? 100 : Math.min(99, Math.floor((done / Math.max(total, 1)) * 100));
  return { lessons, activities, attendance, units, percent, complete };
}
