// GET the signed-in person's certificate as a PDF.
import type { APIRoute } from 'astro';
import { requireRole } from '../../../server/auth/authorize.ts';
import { certificateDownload } from '../../../server/courses/certificates.ts';
import { getDb } from '../../../server/db.ts';
import { absoluteUrl } from '../../../server/site-url.ts';

export const GET: APIRoute = ({ params, locals }) =>
  certificateDownload(getDb(), params.code ?? '', requireRole(locals), (code) => absoluteUrl(`/verify/${code}`));
