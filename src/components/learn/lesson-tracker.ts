// Browser side of the lesson page. Every report (progress, xAPI statement) gets an id, goes into an IndexedDB outbox
// first and leaves it only when the server has answered for it (recorded, or already had it), so a lost connection,
// a closed tab or a crash between sending and answering loses nothing and, since the server accepts each id once,
// duplicates nothing. An H5P activity's state is kept under one id per activity: a newer state replaces the one
// waiting, and only the latest is sent. Statements waiting together (after the connection returns) leave in one request.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

interface Report {
  id: string;
  url: string;
  body: unknown;
}

interface Outbox extends DBSchema {
  outbox: { key: string; value: Report & { queuedAt: number } };
}

/** The IRI the server expects a statement's object to name (src/lib/courses/xapi.ts activityIri). */
const activityIri = (activity: string) => `urn:intelligent-center:h5p:${activity}`;

/**
 * The event the H5P player component (<ic-h5p-activity>, src/lib/h5p/messages.ts `h5pEvents.xapi`) dispatches,
 * bubbling, for each xAPI statement its sandboxed iframe posts; `detail` is `{ activityId, statement }`.
 */
export const xapiEventName = 'h5p:xapi';
/** Its `h5pEvents.state`: `detail` is `{ activityId, state }`, the content's current state as JSON text. */
export const stateEventName = 'h5p:state';

const statementsUrl = '/api/learn/statements';
/** Statements waiting together are sent in one request, at most this many (src/lib/courses/form-schemas.ts maxStatementsPerRequest). */
const maxStatementsPerRequest = 50;

type StatementBody = { runId: number; activity: string; statement: unknown };
type Answer = { status: number; message?: { th: string; en: string } };

/** The body to send for reports that leave together: one report as it is, several statements of a run as a list. */
function requestBody(group: Report[]): unknown {
  if (group.length === 1) return group[0]!.body;
  const bodies = group.map((r) => r.body as StatementBody);
  return { runId: bodies[0]!.runId, statements: bodies.map(({ activity, statement }) => ({ activity, statement })) };
}

/** Bytes of statements one request carries at most: under the server's cap (256 KiB), counting Thai at three bytes. */
const maxStatementBytes = 192 * 1024;

/** The requests to send: each statement joins others of its run (up to the count and size limits); other reports go alone. */
function requestGroups(reports: Report[]): Report[][] {
  const groups: Report[][] = [];
  const open = new Map<number, { group: Report[]; bytes: number }>();
  for (const report of reports) {
    if (report.url !== statementsUrl) {
      groups.push([report]);
      continue;
    }
    const runId = (report.body as StatementBody).runId;
    const bytes = JSON.stringify(report.body).length * 3;
    let current = open.get(runId);
    if (!current || current.group.length >= maxStatementsPerRequest || current.bytes + bytes > maxStatementBytes) {
      current = { group: [], bytes: 0 };
      open.set(runId, current);
      groups.push(current.group);
    }
    current.group.push(report);
    current.bytes += bytes;
  }
  return groups;
}

let database: Promise<IDBPDatabase<Outbox>> | undefined;
const outbox = () => (database ??= openDB<Outbox>('intelligent-center-learning', 1, { upgrade: (db) => db.createObjectStore('outbox', { keyPath: 'id' }) }));

export function startLessonTracker(element: HTMLElement): void {
  const runId = Number(element.dataset.run);
  const lesson = element.dataset.lesson!;
  const status = element.querySelector<HTMLElement>('[data-sync-status]')!;
  const doneNote = element.querySelector<HTMLElement>('[data-lesson-done]')!;
  let completed = element.dataset.completed === 'true';
  let furthest = Number(element.dataset.position) || 0;
  let reported = furthest;
  let sending = false;

  /** `sending`: the records just queued are about to go (online); else those left are waiting for the connection. */
  const show = (pending: number, problem?: string, sending = false) => {
    const waiting = sending ? element.dataset.textSaving! : element.dataset.textPending!.replace('{count}', String(pending));
    status.textContent = problem ?? (pending > 0 ? waiting : element.dataset.textSaved!);
    status.classList.toggle('waiting', pending > 0);
  };

  const showPercent = (percent: number) => {
    for (const bar of document.querySelectorAll<HTMLProgressElement>('[data-course-progress]')) {
      bar.value = percent;
      bar.textContent = `${percent}%`;
      const label = document.querySelector(`label[for="${bar.id}"]`);
      if (label) label.textContent = element.dataset.textProgress!.replace('{percent}', String(percent));
    }
  };

  /** Set when records were queued (or replaced) while a send was under way: that send goes round once more. */
  let queuedMeanwhile = false;

  async function flush(): Promise<void> {
    if (sending) return void (queuedMeanwhile = true);
    sending = true;
    let problem: string | undefined;
    try {
      const db = await outbox();
      let stalled = false;
      do {
        queuedMeanwhile = false;
        stalled = await sendAll(db, (message) => (problem = message));
      } while (queuedMeanwhile && !stalled);
      show(await db.count('outbox'), problem);
    } finally {
      sending = false;
    }
  }

  /** Send what the outbox holds, oldest first; true when the connection or the server stopped it (kept for later). */
  async function sendAll(db: Awaited<ReturnType<typeof outbox>>, refused: (message: string) => void): Promise<boolean> {
    for (const group of requestGroups(await db.getAll('outbox'))) {
      let response: Response;
      try {
        response = await fetch(group[0]!.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(requestBody(group)), credentials: 'same-origin' });
      } catch {
        return true; // offline: keep it, and everything after it, for the next try
      }
      if (response.status >= 500 || response.status === 429) return true;
      const answer = (await response.json().catch(() => ({}))) as { percent?: number; message?: Answer['message']; results?: Answer[] };
      // Several statements are answered one result each; one report, or a request refused whole, by the response.
      if (typeof answer.percent === 'number') showPercent(answer.percent);
      const results: Answer[] = group.length > 1 && Array.isArray(answer.results) ? answer.results : group.map(() => ({ ...answer, status: response.status }));
      for (const [i, report] of group.entries()) {
        const result = results[i] ?? { status: response.status };
        const ok = result.status >= 200 && result.status < 300;
        // 2xx: recorded; 409: the server had it already; other 4xx: it will never be accepted, so say why and drop it.
        if (!ok && result.status !== 409) refused(result.message ? `${result.message.th} / ${result.message.en}` : String(result.status));
        // Gone only if it is still what was sent: a newer state may have replaced it meanwhile.
        const tx = db.transaction('outbox', 'readwrite');
        const current = await tx.store.get(report.id);
        if (current && JSON.stringify(current.body) === JSON.stringify(report.body)) await tx.store.delete(report.id);
        await tx.done;
      }
    }
    return false;
  }

  async function queue(url: string, id: string, body: Record<string, unknown>): Promise<void> {
    const db = await outbox();
    await db.put('outbox', { id, url, body, queuedAt: Date.now() });
    show(await db.count('outbox'), undefined, navigator.onLine);
    await flush();
  }

  const reportProgress = (finished: boolean) => {
    const id = crypto.randomUUID();
    return queue('/api/learn/progress', id, { id, runId, lesson, position: Math.round(furthest * 1000) / 1000, completed: finished });
  };

  // Resume where the learner stopped, unless they had finished the lesson.
  if (!completed && furthest > 0.05) {
    window.scrollTo({ top: furthest * (document.documentElement.scrollHeight - window.innerHeight) });
  }
  void reportProgress(completed);

  const end = document.getElementById('lesson-end');
  if (end) {
    new IntersectionObserver((entries, observer) => {
      if (!entries.some((e) => e.isIntersecting) || completed) return;
      completed = true;
      furthest = 1;
      doneNote.hidden = false;
      const item = document.querySelector(`.checklist [data-lesson="${CSS.escape(lesson)}"]`);
      item?.classList.add('done');
      const check = item?.querySelector('.check');
      if (check) check.textContent = '✓';
      const state = item?.querySelector('[data-lesson-state]');
      if (state) state.textContent = `(${element.dataset.textDone})`;
      observer.disconnect();
      void reportProgress(true);
    }).observe(end);
  }

  window.addEventListener(
    'scroll',
    () => {
      const room = document.documentElement.scrollHeight - window.innerHeight;
      if (room > 0) furthest = Math.max(furthest, Math.min(1, window.scrollY / room));
    },
    { passive: true },
  );
  // Where the learner stopped is sent when they leave the page (or switch away from it), if it moved.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && !completed && furthest - reported > 0.05) {
      reported = furthest;
      void reportProgress(false);
    }
  });

  // The H5P player (<ic-h5p-activity>, inside or in place of the lesson's placeholder) dispatches each statement,
  // bubbling, with the activity's id; the page adds who is learning and the IRI the server expects.
  const learner = element.dataset.learner;
  document.addEventListener(xapiEventName, (event) => {
    const detail = ((event as CustomEvent).detail ?? {}) as { activityId?: unknown; statement?: unknown };
    const placeholder = (event.target as Element | null)?.closest?.<HTMLElement>('[data-h5p-activity]');
    const activity = typeof detail.activityId === 'string' ? detail.activityId : placeholder?.dataset.h5pActivity;
    if (!activity || typeof detail.statement !== 'object' || detail.statement === null) return;
    const statement = { ...(detail.statement as Record<string, unknown>) } as Record<string, unknown> & { object?: { id?: unknown } };
    const query = typeof statement.object?.id === 'string' ? statement.object.id.split('?')[1] : undefined;
    statement.object = { ...(statement.object ?? {}), id: activityIri(activity) + (query ? `?${query}` : '') };
    if (learner) statement.actor = { objectType: 'Agent', mbox: learner };
    if (typeof statement.id !== 'string') statement.id = crypto.randomUUID();
    void queue(statementsUrl, statement.id as string, { runId, activity, statement });
  });

  // The player's state after each change of answer (h5p:state), saved for when the learner comes back.
  document.addEventListener(stateEventName, (event) => {
    const detail = ((event as CustomEvent).detail ?? {}) as { activityId?: unknown; state?: unknown };
    if (typeof detail.activityId !== 'string' || typeof detail.state !== 'string') return;
    void queue('/api/learn/state', `state:${runId}:${detail.activityId}`, { runId, activity: detail.activityId, state: detail.state });
  });

  window.addEventListener('online', () => void flush());
  // Browsers do not always tell when a connection returns; try again now and then while something waits.
  setInterval(() => {
    if (status.classList.contains('waiting')) void flush();
  }, 5000);
}
