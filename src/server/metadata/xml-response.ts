export function xmlResponse(body: string, contentType: string, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': `${contentType}; charset=utf-8` } });
}
