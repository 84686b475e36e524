// The learning-record endpoints answered by the site server before Astro's handler (decision 021) answer exactly as
// the same routes do through Astro: each request is sent to `/api/learn/…` (answered directly) and to
// `/api/learn/…/` (the same route through Astro, trailing slashes being ignored), and the two answers compared.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema/index.ts';
import { activityIri } from '../../src/lib/courses/xapi.ts';
import { hashToken } from '../../src/server/auth/tokens.ts';
import { readCourseOutline } from '../../src/server/courses/outline.ts';
import { enrolledLearner as enrolledIn, insertRun } from '../helpers/courses.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
const day = 86_400_000;
const course = 'solar-rooftop-installation-new-skill';
const activity = 'solar-sizing-quiz';
const lesson = readCourseOutline(new URL('../../content', import.meta.url).pathname, course)!.lessons[0]!.slug;

async function enrolledLearner() {
  const run = insertRun(app.db, course);
  return { ...(await enrolledIn(app.db, run.id)), run };
}

const statement = (email: string, scaled = 0.9) => ({
  id: crypto.randomUUID(),
  actor: { mbox: `mailto:${email}` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
  object: { id: activityIri(activity) },
  result: { score: { scaled } },
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  direct: boolean;
}

/** What may differ between two answers to the same request: the request's id, the date, a cookie's expiry second. */
const varying = new Set(['x-request-id', 'date', 'keep-alive']);

async function post(path: string, init: { headers: Record<string, string>; body: string }): Promise<Answer> {
  const response = await fetch(app.server.url + path, { method: 'POST', redirect: 'manual', ...init });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!varying.has(name)) headers[name] = name === 'set-cookie' ? value.replace(/session=[^;]*/, 'session=…').replace(/Expires=[^;]*/i, 'Expires=…') : value;
  });
  const body = await response.text();
  // The access log says which requests the site server answered itself.
  const id = response.headers.get('x-request-id');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const line = app.server
    .output()
    .split('\n')
    .find((l) => l.includes(`"requestId":"${id}"`));
  return { status: response.status, headers, body, direct: line?.includes('"direct":true') ?? false };
}

function expectSame(direct: Answer, astro: Answer) {
  expect(direct.direct).toBe(true);
  expect(astro.direct).toBe(false);
  // A redirect to sign in names the address asked for, which had the slash.
  if (astro.headers.location) astro.headers.location = astro.headers.location.replace(/%2F$/, '');
  expect({ ...direct, direct: undefined }).toEqual({ ...astro, direct: undefined });
}

/** The same request to the route answered directly and through Astro: the same answer, and the first was direct. */
async function bothWays(route: string, init: () => { headers: Record<string, string>; body: string }) {
  const direct = await post(route, init());
  const astro = await post(`${route}/`, init());
  expectSame(direct, astro);
  return direct;
}

describe('learning records answered before Astro', () => {
  it('records statements and progress, batches too, with the same answers as through Astro', async () => {
    const { user, cookie, run } = await enrolledLearner();
    const json = (body: unknown) => () => ({ headers: { 'content-type': 'application/json', cookie, origin: app.server.origin }, body: JSON.stringify(body) });
    // Warm up: the bundle registers the direct routes when its middleware first loads.
    await post('/api/learn/statements/', json({ runId: run.id, activity, statement: statement(user.email, 0.1) })());
    const one = await bothWays('/api/learn/statements', () => json({ runId: run.id, activity, statement: statement(user.email, 0.5) })());
    expect(one.status).toBe(200);
    const batch = await bothWays('/api/learn/statements', () => json({ runId: run.id, statements: [{ activity, statement: statement(user.email, 0.3) }, { activity: 'nope', statement: statement(user.email, 0.3) }] })());
    expect(JSON.parse(batch.body).results.map((r: { status: number }) => r.status)).toEqual([200, 422]);
    const progress = await bothWays('/api/learn/progress', () => json({ runId: run.id, id: crypto.randomUUID(), lesson, position: 0.5, completed: false })());
    expect(progress.status).toBe(200);
    // A replayed id: 409 both ways, stored once.
    const replay = statement(user.email);
    expect((await post('/api/learn/statements', json({ runId: run.id, activity, statement: replay })())).status).toBe(200);
    expect((await post('/api/learn/statements/', json({ runId: run.id, activity, statement: replay })())).status).toBe(409);
    expect((await post('/api/learn/statements', json({ runId: run.id, activity, statement: replay })())).status).toBe(409);
  });

  it('refuses the same requests the same way: cross-site form, no session, expired session, oversize, wrong type, bad JSON, another run', async () => {
    const { user, cookie, run, token } = await enrolledLearner();
    const body = JSON.stringify({ runId: run.id, activity, statement: statement(user.email) });
    const headers = { 'content-type': 'application/json', cookie, origin: app.server.origin };
    await post('/api/learn/statements/', { headers, body });

    const crossSite = await bothWays('/api/learn/statements', () => ({ headers: { ...headers, 'content-type': 'text/plain', origin: 'https://evil.example' }, body }));
    expect(crossSite.status).toBe(403);
    const anonymous = await bothWays('/api/learn/statements', () => ({ headers: { 'content-type': 'application/json', origin: app.server.origin }, body }));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
    const unsupported = await bothWays('/api/learn/progress', () => ({ headers: { ...headers, 'content-type': 'application/xml' }, body: '<x/>' }));
    expect(unsupported.status).toBe(415);
    expect(JSON.parse(unsupported.body).message.en).toBeTruthy();
    const malformed = await bothWays('/api/learn/statements', () => ({ headers, body: '{"runId":' }));
    expect(malformed.status).toBe(400);
    const oversize = await bothWays('/api/learn/statements', () => ({ headers, body: JSON.stringify({ runId: run.id, pad: 'x'.repeat(300 * 1024) }) }));
    expect(oversize.status).toBe(413);
    const otherRun = await bothWays('/api/learn/statements', () => ({ headers, body: JSON.stringify({ runId: run.id + 1000, activity, statement: statement(user.email) }) }));
    expect(otherRun.status).toBe(403);
    expect(otherRun.headers['x-content-type-options']).toBe('nosniff');

    // A session due for renewal gets a new cookie both ways; an expired one is cleared and the post sent to sign in.
    const id = hashToken(token);
    const renewDue = () => {
      app.db.update(sessions).set({ expiresAt: new Date(Date.now() + 2 * day) }).where(eq(sessions.id, id)).run();
      return { headers, body: JSON.stringify({ runId: run.id, activity, statement: statement(user.email) }) };
    };
    const renewed = await bothWays('/api/learn/statements', renewDue);
    expect(renewed.headers['set-cookie']).toMatch(/^session=…; .*Expires=…/);
    const expired = new Date(Date.now() - 1000);
    app.db.update(sessions).set({ expiresAt: expired }).where(eq(sessions.id, id)).run();
    const direct = await post('/api/learn/statements', { headers, body });
    // Deleted on sight: put back, expired again, for the request through Astro.
    app.db.insert(sessions).values({ id, userId: user.id, expiresAt: expired }).run();
    const astro = await post('/api/learn/statements/', { headers, body });
    expectSame(direct, astro);
    expect(direct.status).toBe(303);
    expect(direct.headers['set-cookie']).toMatch(/^session=…;.*Max-Age=0/);
  });
});
