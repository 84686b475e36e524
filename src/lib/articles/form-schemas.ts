// The article forms' input: the editor page's fields (the document itself is checked by the rich-text validator),
// the admin's review actions and a reader's question or an answer.
import { z } from 'astro/zod';
import { optionalText, repeated, requiredText } from '../forms/form-values.ts';
import { isUploadedImage } from '../rich-text/schema.ts';

export const maxArticleFields = 5;
export const maxTags = 10;
export const maxQuestionChars = 2000;
export const articlesPageSize = 12;

/** Tags typed as one line, split on commas: trimmed, unique, at most 10 of 40 characters. */
const tagList = z
  .string('form.invalid')
  .max(1000, 'form.tooLong')
  .optional()
  .transform((v) => [...new Set((v ?? '').split(/[,،、]/).map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))])
  .refine((tags) => tags.length <= maxTags && tags.every((t) => t.length <= 40), 'articles.tags.invalid');

export const articleFormSchema = (fieldSlugs: ReadonlySet<string>) =>
  z.object({
    title: requiredText(200),
    summary: optionalText(600).transform((v) => v ?? ''),
    fields: repeated(z.string('form.invalid').refine((slug) => fieldSlugs.has(slug), 'form.fields.unknown'), maxArticleFields)
      .transform((slugs) => [...new Set(slugs)])
      .refine((slugs) => slugs.length > 0, 'articles.fields.required'),
    tags: tagList,
    coverImage: optionalText(200).refine((v) => v === null || isUploadedImage(v), 'articles.cover.invalid'),
    /** The Tiptap JSON, checked apart so its problem can be said precisely. */
    document: z.string('articles.document.invalid'),
    /** The version the editor loaded: a save naming an older one is refused. */
    version: z.coerce.number('form.invalid').int('form.invalid').min(0, 'form.invalid'),
  });
export type ArticleForm = z.output<ReturnType<typeof articleFormSchema>>;

export const reviewSchema = z.object({
  articleId: z.coerce.number('form.invalid').int('form.invalid').positive('form.invalid'),
  comment: optionalText(2000),
});

/** Plain text of several lines (a question, an answer): trimmed, line breaks kept. */
const multilineText = z.string('form.required').trim().min(1, 'form.required').max(maxQuestionChars, 'form.tooLong');

export const questionSchema = z.object({ body: multilineText });

export const answerSchema = z.object({
  questionId: z.coerce.number('form.invalid').int('form.invalid').positive('form.invalid'),
  answer: multilineText,
});

export const questionIdSchema = z.object({
  questionId: z.coerce.number('form.invalid').int('form.invalid').positive('form.invalid'),
});

/** The reading list's query, read leniently: odd values mean "all". */
export const articleListQuerySchema = z.object({
  field: z.string().max(100).optional().catch(undefined),
  tag: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
