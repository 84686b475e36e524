// Checking an xAPI statement an H5P activity sent before it is stored: it must be about this user, this activity and
// this run, carry a sane score, and have an id (the browser resends queued statements; the id makes that harmless).
import { z } from 'astro/zod';

/** Why a statement is refused; each has a Thai and English message under `learn.statement.<reason>`. */
export type StatementRefusal = 'malformed' | 'actor' | 'activity' | 'score';

export interface StatementContext {
  /** The signed-in user's email and id: the only actor accepted. */
  email: string;
  userId: number;
  /** The activity the envelope names; it must be one of the run's course's activities (checked by the caller). */
  activity: string;
}

export interface CheckedStatement {
  id: string;
  verb: string;
  /** 0..1, when the statement carries a score. */
  scoreScaled: number | null;
  success: boolean | null;
  /** False for a statement about a part of the activity (an H5P sub-content): stored, but not a result. */
  wholeActivity: boolean;
}

/** The IRI an activity is known by in statements; the H5P player sets `object.id` to it. */
export const activityIri = (activity: string) => `urn:intelligent-center:h5p:${activity}`;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const finite = z.number().finite();

const statementSchema = z.object({
  id: uuid,
  actor: z.object({
    mbox: z.string().max(320).optional(),
    account: z.object({ homePage: z.string().max(500), name: z.string().max(100) }).optional(),
  }),
  verb: z.object({ id: z.string().max(500).regex(/^[a-z][a-z0-9+.-]*:\S+$/i) }),
  object: z.object({ id: z.string().min(1).max(1000) }),
  result: z
    .object({
      score: z.object({ scaled: finite.optional(), raw: finite.optional(), min: finite.optional(), max: finite.optional() }).optional(),
      success: z.boolean().optional(),
      completion: z.boolean().optional(),
    })
    .optional(),
});

export type StatementCheck = { ok: true; statement: CheckedStatement } | { ok: false; reason: StatementRefusal };

function scaledScore(score: NonNullable<NonNullable<z.infer<typeof statementSchema>['result']>['score']>): number | null | 'bad' {
  const { scaled, raw, min = 0, max } = score;
  if (raw !== undefined && max !== undefined && (max <= min || raw < min || raw > max)) return 'bad';
  if (scaled !== undefined) return scaled < 0 || scaled > 1 ? 'bad' : scaled;
  if (raw !== undefined && max !== undefined) return (raw - min) / (max - min);
  return raw === undefined ? null : 'bad';
}

export function checkStatement(input: unknown, context: StatementContext): StatementCheck {
  const parsed = statementSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const statement = parsed.data;
  const { mbox, account } = statement.actor;
  const byMail = mbox !== undefined && mbox.toLowerCase() === `mailto:${context.email.toLowerCase()}`;
  const byAccount = account !== undefined && account.name === String(context.userId);
  // Both forms name the actor; if both are present, both must be this user.
  if (!(byMail || byAccount) || (mbox !== undefined && !byMail) || (account !== undefined && !byAccount)) {
    return { ok: false, reason: 'actor' };
  }
  const [base, query] = statement.object.id.split('?', 2);
  if (base !== activityIri(context.activity)) return { ok: false, reason: 'activity' };
  const score = statement.result?.score ? scaledScore(statement.result.score) : null;
  if (score === 'bad') return { ok: false, reason: 'score' };
  return {
    ok: true,
    statement: {
      id: statement.id.toLowerCase(),
      verb: statement.verb.id,
      scoreScaled: score,
      success: statement.result?.success ?? null,
      wholeActivity: query === undefined,
    },
  };
}

/** Verbs that end an attempt with a result worth counting. */
const resultVerbs = new Set(['completed', 'answered', 'passed', 'failed', 'scored'].map((v) => `http://adlnet.gov/expapi/verbs/${v}`));

/** Whether a checked statement counts toward the activity's best score. */
export function countsAsResult(statement: CheckedStatement): boolean {
  return statement.wholeActivity && statement.scoreScaled !== null && resultVerbs.has(statement.verb);
}
