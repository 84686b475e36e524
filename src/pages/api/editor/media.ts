import type { APIRoute } from 'astro';
import { receiveEditorMedia } from '../../../server/articles/media.ts';
import { requireRole } from '../../../server/auth/authorize.ts';

export const POST: APIRoute = ({ request, locals }) => receiveEditorMedia(request, requireRole(locals, 'expert', 'admin').id);
