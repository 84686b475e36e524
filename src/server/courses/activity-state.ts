// Saved H5P state: where a learner left each activity of a run (what the content's getCurrentState() returned, as
// the player's h5p:state event carries it), stored for that learner only and given back when the lesson reopens.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { activityStates } from '../../../db/schema/index.ts';
import { maxStateLength } from '../../lib/h5p/messages.ts';
import { perConnection } from '../per-connection.ts';
import type { LearnerContext } from './events.ts';

export type StateOutcome = { kind: 'saved' } | { kind: 'refused'; reason: 'activity' | 'state-malformed' };

const save = perConnection((db) =>
  db
    .insert(activityStates)
    .values({ runId: sql.placeholder('run'), userId: sql.placeholder('user'), activity: sql.placeholder('activity'), state: sql.placeholder('state'), updatedAt: sql`${sql.placeholder('now')}` })
    .onConflictDoUpdate({ target: [activityStates.runId, activityStates.userId, activityStates.activity], set: { state: sql`excluded.state`, updatedAt: sql`excluded.updated_at` } })
    .prepare(),
);

/** A state is JSON text the size of a question's answers; anything else is not ours to keep. */
function isStateText(state: string): boolean {
  if (state.length > maxStateLength) return false;
  try {
    JSON.parse(state);
    return true;
  } catch {
    return false;
  }
}

/** Keep the learner's latest state of one of the run's activities (the context is the signed-in learner's own run). */
export function saveActivityState(db: Db, context: LearnerContext, report: { activity: string; state: string }): StateOutcome {
  if (!context.outline.activities.some((a) => a.id === report.activity)) return { kind: 'refused', reason: 'activity' };
  if (!isStateText(report.state)) return { kind: 'refused', reason: 'state-malformed' };
  save(db).run({ run: context.run.id, user: context.user.id, activity: report.activity, state: report.state, now: context.now.getTime() });
  return { kind: 'saved' };
}

/** The learner's saved states in a run, by activity id. */
export function activityStatesOf(db: Db, runId: number, userId: number): Map<string, string> {
  const rows = db
    .select({ activity: activityStates.activity, state: activityStates.state })
    .from(activityStates)
    .where(and(eq(activityStates.runId, runId), eq(activityStates.userId, userId)))
    .all();
  return new Map(rows.map((r) => [r.activity, r.state]));
}
