// Structured logs: one JSON object per line on stdout (errors on stderr), so a collector can parse them. The request
// id ties a request's access line to any error it raised.
import { currentRequest } from './process-state.ts';

export type LogLevel = 'info' | 'warn' | 'error';

/** Keys never written whatever a caller passes: a log line must not carry credentials. */
const secretKey = /pass(word)?|token|secret|cookie|authorization|key$/i;

export function logEvent(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, msg: message };
  const request = currentRequest();
  if (request && fields.requestId === undefined) line.requestId = request.requestId;
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    line[name] = secretKey.test(name) ? '[redacted]' : value;
  }
  const text = JSON.stringify(line) + '\n';
  if (level === 'error') process.stderr.write(text);
  else process.stdout.write(text);
}

/** An error as log fields: its message and stack, nothing from the request that caused it. */
export function errorFields(error: unknown): { error: string; stack?: string } {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}
