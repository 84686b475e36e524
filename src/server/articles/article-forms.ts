// What the article pages call: the author's editor (save, autosave as JSON, submit), the admins' review actions,
// and the questions under a published article. Each answers with a redirect, JSON for the editor's autosave, or a
// rejection the page shows next to the field.
import { langFromPath, localePath, translator } from '../../i18n/index.ts';
import { answerSchema, articleFormSchema, questionIdSchema, questionSchema, reviewSchema, type ArticleForm } from '../../lib/articles/form-schemas.ts';
import type { ArticleAction } from '../../lib/articles/workflow.ts';
import { requireRole } from '../auth/authorize.ts';
import { listFields } from '../catalog/fields.ts';
import { getDb } from '../db.ts';
import { formAction, handleForm, reject, type FormContext, type FormRejection } from '../forms.ts';
import { getMailSender } from '../mail/mailer.ts';
import { maxArticleFormBytes } from '../request-body.ts';
import { checkRichText } from '../rich-text/render.ts';
import { absoluteUrl } from '../site-url.ts';
import { createArticle, findArticle, publishedArticle, saveArticle, type ArticleActor, type PublishedArticle } from './articles.ts';
import { changeArticleState } from './publishing.ts';
import { answerQuestion, askQuestion, setQuestionHidden } from './questions.ts';
import type { ArticleRow } from '../../../db/schema/index.ts';

const pathIn = (astro: FormContext, path: string) => localePath(langFromPath(astro.url.pathname), path);
const wantsJson = (astro: FormContext) => (astro.request.headers.get('accept') ?? '').includes('application/json');
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });

/** The form refused: JSON for the editor's autosave, a message on the page otherwise. */
function refusal(astro: FormContext, status: number, key: 'articles.conflict' | 'articles.document.invalid' | 'articles.notAllowed', reason?: { th: string; en: string }): Response | FormRejection {
  const lang = langFromPath(astro.url.pathname);
  const params = reason ? { reason: reason[lang] } : undefined;
  // The editor shows the message; a refusal without its own reason says what the key says, in both languages.
  if (wantsJson(astro)) return json(status, { error: key, message: reason ?? { th: translator('th')(key), en: translator('en')(key) } });
  return reject(status, { message: { key, ...(params ? { params } : {}) }, ...(key === 'articles.document.invalid' ? { errors: { document: 'articles.document.invalid' } } : {}) });
}

/**
 * The editor page: a new article (`article` undefined) or the author's own. Save keeps the working copy (an autosave
 * asks for JSON); submit saves, then sends it for review.
 */
export async function articleEditorForms(astro: FormContext, article: ArticleRow | undefined) {
  const user = requireRole(astro.locals, 'expert', 'admin');
  const actor: ArticleActor = { id: user.id, role: user.role };
  const db = getDb();
  const schema = articleFormSchema(new Set((await listFields()).map((f) => f.slug)));

  const store = (input: ArticleForm): { article: ArticleRow } | Response | FormRejection => {
    const checked = checkRichText(input.document);
    if (!checked.ok) return refusal(astro, 400, 'articles.document.invalid', checked.error);
    const content = { title: input.title, summary: input.summary, fields: input.fields, tags: input.tags, coverImage: input.coverImage, document: checked.document };
    if (!article) return { article: createArticle(db, user.id, content) };
    const outcome = saveArticle(db, article, actor, content, input.version);
    if ('conflict' in outcome) return refusal(astro, 409, 'articles.conflict');
    if ('refused' in outcome) return refusal(astro, 403, 'articles.notAllowed');
    return { article: outcome.saved };
  };
  const editPath = (saved: ArticleRow, done: string) => `${pathIn(astro, `/account/articles/${saved.id}`)}?done=${done}`;

  return handleForm(
    astro,
    {
      save: formAction(schema, (input) => {
        const stored = store(input);
        if (!('article' in stored)) return stored;
        const saved = stored.article;
        if (wantsJson(astro)) return json(200, { id: saved.id, version: saved.version, state: saved.state, savedAt: saved.updatedAt.toISOString(), editUrl: pathIn(astro, `/account/articles/${saved.id}`) });
        return astro.redirect(editPath(saved, 'saved'), 303);
      }),
      submit: formAction(schema, (input) => {
        const stored = store(input);
        if (!('article' in stored)) return stored;
        const submitted = changeArticleState(db, stored.article, actor, 'submit');
        if ('refused' in submitted) return refusal(astro, 403, 'articles.notAllowed');
        return astro.redirect(editPath(submitted.article, 'submitted'), 303);
      }),
    },
    { maxBytes: maxArticleFormBytes },
  );
}

/** The admins' review: publish, return with a comment, unpublish; back to the page it came from. */
export function articleReviewForms(astro: FormContext) {
  const admin = requireRole(astro.locals, 'admin');
  const db = getDb();
  const act = (action: Exclude<ArticleAction, 'save' | 'submit'>) =>
    formAction(reviewSchema, ({ articleId, comment }) => {
      const article = findArticle(db, articleId);
      if (!article) return reject(404, { message: { key: 'articles.notFound' } });
      if (action === 'return' && !comment) return reject(400, { errors: { comment: 'articles.comment.required' }, message: { key: 'form.fixErrors' } });
      const outcome = changeArticleState(db, article, { id: admin.id, role: admin.role }, action, comment);
      if ('refused' in outcome) return reject(409, { message: { key: 'articles.wrongState' } });
      return astro.redirect(`${astro.url.pathname}?done=${action}`, 303);
    });
  return handleForm(astro, { publish: act('publish'), return: act('return'), unpublish: act('unpublish') });
}

/** Under a published article: signed-in readers ask, the author or an admin answers, admins hide or show. */
export function articleQuestionForms(astro: FormContext, shown: PublishedArticle) {
  const db = getDb();
  const back = (done: string) => astro.redirect(`${astro.url.pathname}?done=${done}#questions`, 303);
  const notAllowed = reject(403, { message: { key: 'articles.notAllowed' } });
  return handleForm(astro, {
    ask: formAction(questionSchema, async ({ body }) => {
      const user = astro.locals.user;
      if (!user) return astro.redirect(`${pathIn(astro, '/login')}?next=${encodeURIComponent(astro.url.pathname)}`, 303);
      const wait = await askQuestion(db, shown.article, user.id, body, { send: getMailSender(), articleUrl: absoluteUrl(astro.url.pathname) });
      if (wait > 0) return reject(429, { message: { key: 'articles.questions.throttled', params: { minutes: Math.ceil(wait / 60) } }, headers: { 'Retry-After': String(wait) } });
      return back('asked');
    }),
    answer: formAction(answerSchema, ({ questionId, answer }) => {
      const user = astro.locals.user;
      if (!user || !answerQuestion(db, shown.article, { id: user.id, role: user.role }, questionId, answer)) return notAllowed;
      return back('answered');
    }),
    hide: formAction(questionIdSchema, ({ questionId }) => {
      const user = astro.locals.user;
      if (!user || !setQuestionHidden(db, shown.article, { id: user.id, role: user.role }, questionId, true)) return notAllowed;
      return back('hidden');
    }),
    show: formAction(questionIdSchema, ({ questionId }) => {
      const user = astro.locals.user;
      if (!user || !setQuestionHidden(db, shown.article, { id: user.id, role: user.role }, questionId, false)) return notAllowed;
      return back('shown');
    }),
  });
}

/** /articles/<slug>: the listed article and its questions' forms, or undefined when no such article is listed. */
export async function articleReadingPage(astro: FormContext & { params: { slug?: string | undefined } }) {
  const shown = publishedArticle(getDb(), astro.params.slug ?? '');
  if (!shown) return undefined;
  const form = await articleQuestionForms(astro, shown);
  return form instanceof Response ? form : { shown, form };
}

/** /account/articles/new and /account/articles/<id>: the author's own article (404 for anyone else's) and its forms. */
export async function articleEditorPage(astro: FormContext & { params: { id?: string | undefined } }) {
  const user = requireRole(astro.locals, 'expert', 'admin');
  let article: ArticleRow | undefined;
  if (astro.params.id !== undefined) {
    article = /^\d{1,9}$/.test(astro.params.id) ? findArticle(getDb(), Number(astro.params.id)) : undefined;
    if (!article || article.authorId !== user.id) return undefined;
  }
  const form = await articleEditorForms(astro, article);
  return form instanceof Response ? form : { article, form };
}

/** /admin/articles/<id>: any article, for review. */
export async function articleReviewPage(astro: FormContext & { params: { id?: string | undefined } }) {
  requireRole(astro.locals, 'admin');
  const article = /^\d{1,9}$/.test(astro.params.id ?? '') ? findArticle(getDb(), Number(astro.params.id)) : undefined;
  if (!article) return undefined;
  const form = await articleReviewForms(astro);
  return form instanceof Response ? form : { article, form };
}

/** /account/articles/<id>/revisions: for the author and admins. */
export function articleForHistory(astro: FormContext & { params: { id?: string | undefined } }): ArticleRow | undefined {
  const user = requireRole(astro.locals, 'expert', 'admin');
  const article = /^\d{1,9}$/.test(astro.params.id ?? '') ? findArticle(getDb(), Number(astro.params.id)) : undefined;
  return article && (article.authorId === user.id || user.role === 'admin') ? article : undefined;
}
