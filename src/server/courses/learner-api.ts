// The JSON endpoints the lesson page's tracker posts to (progress, xAPI statements, H5P state). JSON only: a
// cross-site page cannot send it without a CORS preflight, which fails, so these need no Origin check. Every answer
// carries a message in Thai and English; nothing is written for a refused report. Statements may come one to a
// request or several (`{runId, statements: [...]}`), each then judged and answered alone, written together.
import type { APIContext } from 'astro';
import { z } from 'astro/zod';
import type { Db } from '../../../db/connection.ts';
import { translator, type MessageKey } from '../../i18n/index.ts';
import { progressReportSchema, stateReportSchema, statementBatchSchema, statementReportSchema } from '../../lib/courses/form-schemas.ts';
import { getDb } from '../db.ts';
import { BodyTooLarge, bodyTooLarge, maxBodyBytes, readCappedText } from '../request-body.ts';
import { queuedWrite } from '../write-queue.ts';
import { saveActivityState, type StateOutcome } from './activity-state.ts';
import { learnerStatus } from './completion.ts';
import { recordProgress, recordStatement, recordStatements, type EventOutcome, type LearnerContext } from './events.ts';
import { learnerEventContext } from './views.ts';

const [th, en] = [translator('th'), translator('en')];

function answer(status: number, key: MessageKey, extra: Record<string, unknown> = {}): Response {
  const body = new TextEncoder().encode(JSON.stringify({ message: { th: th(key), en: en(key) }, ...extra }));
  // The length tells the compression layer the answer is too small to be worth compressing.
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.byteLength), 'Cache-Control': 'no-store' },
  });
}

async function readJson<S extends z.ZodType>(request: Request, routePattern: string, schema: S): Promise<z.output<S> | Response> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return answer(415, 'learn.api.unsupported');
  let text: string;
  try {
    text = await readCappedText(request, maxBodyBytes(routePattern));
  } catch (error) {
    if (error instanceof BodyTooLarge) return bodyTooLarge();
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return answer(400, 'learn.api.malformed');
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : answer(400, 'learn.api.malformed');
}

type AnswerParts = [status: number, key: MessageKey, extra?: Record<string, unknown>];

function outcomeParts(outcome: EventOutcome | StateOutcome): AnswerParts {
  switch (outcome.kind) {
    case 'saved':
      return [200, 'learn.api.state-saved'];
    case 'recorded':
      return [200, 'learn.api.recorded', { percent: outcome.status.percent, complete: outcome.status.complete }];
    case 'stored':
      return [200, 'learn.api.recorded'];
    case 'duplicate':
      return [409, 'learn.api.duplicate', { duplicate: true }];
    case 'refused':
      return [outcome.reason === 'not-enrolled' ? 403 : 422, outcome.reason === 'malformed' ? 'learn.api.malformed-statement' : `learn.api.${outcome.reason}`];
  }
}

const outcomeAnswer = (outcome: EventOutcome | StateOutcome) => answer(...outcomeParts(outcome));

/** Read the report, find the signed-in person's run it names, record it: the same steps for every endpoint. */
function learnerEndpoint<S extends z.ZodType<{ runId: number }>>(schema: S, respond: (db: Db, context: LearnerContext, report: z.output<S>) => Promise<Response>) {
  return async ({ request, locals, routePattern }: APIContext): Promise<Response> => {
    const report = await readJson(request, routePattern, schema);
    if (report instanceof Response) return report;
    const context = learnerEventContext(report.runId, locals.user!);
    if (!context) return answer(403, 'learn.api.not-enrolled');
    return respond(getDb(), context, report);
  };
}

/** One report, written in the next shared transaction (reports arriving together commit together) and answered after it. */
const oneReport =
  <R>(record: (db: Db, context: LearnerContext, report: R) => EventOutcome | StateOutcome) =>
  async (db: Db, context: LearnerContext, report: R) =>
    outcomeAnswer(await queuedWrite(db, () => record(db, context, report)));

/**
 * Several statements: written together in the next shared transaction (a refused or repeated one does not stop the
 * others), answered 200 with one result per statement, in order, as a single statement would have been.
 */
async function statementBatch(db: Db, context: LearnerContext, batch: z.output<typeof statementBatchSchema>): Promise<Response> {
  const outcomes = await queuedWrite(db, () => recordStatements(db, context, batch.statements, 'when-changed'));
  const results = outcomes.map((outcome) => {
    const [status, key, extra] = outcomeParts(outcome);
    return { status, message: { th: th(key), en: en(key) }, ...extra };
  });
  // The learner's standing once for the request, after its statements committed, rather than once per statement.
  const standing = outcomes.some((o) => o.kind === 'recorded' || o.kind === 'stored') ? learnerStatus(db, context.outline, context.run.id, context.user.id) : undefined;
  return answer(200, 'learn.api.batch', { results, ...(standing ? { percent: standing.percent, complete: standing.complete } : {}) });
}

export const progressEndpoint = learnerEndpoint(progressReportSchema, oneReport(recordProgress));
export const statementEndpoint = learnerEndpoint(z.union([statementReportSchema, statementBatchSchema]), (db, context, report) =>
  'statements' in report ? statementBatch(db, context, report) : oneReport(recordStatement)(db, context, report),
);
export const stateEndpoint = learnerEndpoint(stateReportSchema, oneReport(saveActivityState));
