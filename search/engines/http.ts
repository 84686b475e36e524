// HTTP for the Meilisearch client over node:http with kept-alive, no-delay sockets, sending each request in one write.
// With the global fetch every search took 40 ms more than Meilisearch spent on it (headers and body went out as two
// packets and the second waited for a delayed ACK); this client answers in a few milliseconds.
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const agents = { http: new Agent({ keepAlive: true, maxSockets: 16 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 16 }) };

export class MeilisearchHttpError extends Error {
  readonly status: number;
  readonly code?: string;
  constructor(status: number, body: { message?: string; code?: string } | undefined) {
    super(`meilisearch answered ${status}: ${body?.message ?? 'no message'}`);
    this.status = status;
    this.code = body?.code;
  }
}

/** Meilisearch's error code (`index_not_found`, …) of a failed request, however the client wrapped the error. */
export function meilisearchErrorCode(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof MeilisearchHttpError) return e.code;
  return undefined;
}

/** The `httpClient` option of `new Meilisearch(...)`: resolves to the parsed JSON body, throws on a status ≥ 400. */
export function nodeHttpClient(input: string | URL | Request, init: RequestInit = {}): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : input);
  const secure = url.protocol === 'https:';
  const body = typeof init.body === 'string' ? Buffer.from(init.body) : undefined;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => (headers[key] = value));
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : request)(
      url,
      { method: init.method ?? 'GET', headers, agent: secure ? agents.https : agents.http, signal: init.signal ?? undefined },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            parsed = { message: text.slice(0, 200) };
          }
          if ((res.statusCode ?? 500) >= 400) reject(new MeilisearchHttpError(res.statusCode ?? 500, parsed as { message?: string }));
          else resolve(parsed);
        });
      },
    );
    req.on('socket', (socket) => socket.setNoDelay(true));
    req.on('error', reject);
    req.end(body);
  });
}
