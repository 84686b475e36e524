// The life of an article: an expert writes a draft and submits it; an admin publishes it or returns it with a
// comment; a published article may be unpublished. Pure rules: who may do what, from which state, to which state.
import type { Role } from '../auth/roles.ts';

export const articleStates = ['draft', 'submitted', 'returned', 'published', 'unpublished'] as const;
export type ArticleState = (typeof articleStates)[number];

export const articleActions = ['save', 'submit', 'publish', 'return', 'unpublish'] as const;
export type ArticleAction = (typeof articleActions)[number];

/**
 * Where an article stands: `state` is its working copy's place in the workflow, `listed` whether its last published
 * revision is shown to readers (an author revising a published article leaves the published text listed).
 */
export interface ArticleStanding {
  state: ArticleState;
  listed: boolean;
}

export interface Actor {
  role: Role;
  /** Whether the actor wrote the article. */
  isAuthor: boolean;
}

export type TransitionRefusal = 'not-author' | 'not-admin' | 'wrong-state';

/** Who may do each action, and from which states. */
const rules: Record<ArticleAction, { who: 'author' | 'admin'; from: readonly ArticleState[] }> = {
  save: { who: 'author', from: ['draft', 'returned', 'published', 'unpublished'] },
  submit: { who: 'author', from: ['draft', 'returned'] },
  publish: { who: 'admin', from: ['submitted', 'unpublished'] },
  return: { who: 'admin', from: ['submitted'] },
  unpublish: { who: 'admin', from: ['published', 'draft', 'submitted', 'returned'] },
};

/** The standing after `action`, or why the actor may not do it now. */
export function transition(standing: ArticleStanding, action: ArticleAction, actor: Actor): ArticleStanding | { refused: TransitionRefusal } {
  const rule = rules[action];
  if (rule.who === 'author' && !actor.isAuthor) return { refused: 'not-author' };
  if (rule.who === 'admin' && actor.role !== 'admin') return { refused: 'not-admin' };
  if (!rule.from.includes(standing.state)) return { refused: 'wrong-state' };
  switch (action) {
    case 'save':
      // Saving a returned draft keeps it returned (the comment still applies) until it is submitted again.
      return { state: standing.state === 'returned' ? 'returned' : 'draft', listed: standing.listed };
    case 'submit':
      return { state: 'submitted', listed: standing.listed };
    case 'publish':
      return { state: 'published', listed: true };
    case 'return':
      return { state: 'returned', listed: standing.listed };
    case 'unpublish':
      // Only something listed can be unpublished; a working copy under way keeps its state.
      if (!standing.listed) return { refused: 'wrong-state' };
      return { state: standing.state === 'published' ? 'unpublished' : standing.state, listed: false };
  }
}

/** The actions the actor may take now, for showing only the buttons that work. */
export function allowedActions(standing: ArticleStanding, actor: Actor): ArticleAction[] {
  return articleActions.filter((action) => !('refused' in transition(standing, action, actor)));
}

/** A URL-safe slug from a title, Thai letters kept, and the article's id for uniqueness: `การเชื่อมโลหะ-12`. */
export function articleSlug(title: string, id: number): string {
  const words = title.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  let slug = '';
  for (const word of words) {
    if ((slug + word).length > 60) break;
    slug += (slug ? '-' : '') + word;
  }
  return slug ? `${slug}-${id}` : String(id);
}
