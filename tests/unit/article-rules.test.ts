import { describe, expect, it } from 'vitest';
import { diffLines } from '../../src/lib/articles/diff.ts';
import { linkedText } from '../../src/lib/articles/reading.ts';
import { allowedActions, articleActions, articleSlug, articleStates, transition, type ArticleStanding } from '../../src/lib/articles/workflow.ts';

const author = { role: 'expert', isAuthor: true } as const;
const otherExpert = { role: 'expert', isAuthor: false } as const;
const admin = { role: 'admin', isAuthor: false } as const;
const teacher = { role: 'teacher', isAuthor: false } as const;
const at = (state: ArticleStanding['state'], listed = false): ArticleStanding => ({ state, listed });

describe('the article workflow', () => {
  it('takes an article from draft through review to publication and back', () => {
    expect(transition(at('draft'), 'save', author)).toEqual(at('draft'));
    expect(transition(at('draft'), 'submit', author)).toEqual(at('submitted'));
    expect(transition(at('submitted'), 'return', admin)).toEqual(at('returned'));
    expect(transition(at('returned'), 'save', author)).toEqual(at('returned'));
    expect(transition(at('returned'), 'submit', author)).toEqual(at('submitted'));
    expect(transition(at('submitted'), 'publish', admin)).toEqual(at('published', true));
    expect(transition(at('published', true), 'unpublish', admin)).toEqual(at('unpublished', false));
    expect(transition(at('unpublished'), 'publish', admin)).toEqual(at('published', true));
  });

  it('keeps the published version listed while its author revises it, until an admin unpublishes', () => {
    expect(transition(at('published', true), 'save', author)).toEqual(at('draft', true));
    expect(transition(at('draft', true), 'submit', author)).toEqual(at('submitted', true));
    expect(transition(at('submitted', true), 'return', admin)).toEqual(at('returned', true));
    expect(transition(at('draft', true), 'unpublish', admin)).toEqual(at('draft', false));
    expect(transition(at('draft', false), 'unpublish', admin)).toEqual({ refused: 'wrong-state' });
  });

  it('lets only the author write and submit, only admins publish, return and unpublish', () => {
    for (const state of articleStates) {
      for (const actor of [otherExpert, admin, teacher]) {
        expect(transition(at(state), 'save', actor)).toEqual({ refused: 'not-author' });
        expect(transition(at(state), 'submit', actor)).toEqual({ refused: 'not-author' });
      }
      for (const actor of [author, otherExpert, teacher]) {
        for (const action of ['publish', 'return', 'unpublish'] as const) expect(transition(at(state, true), action, actor)).toEqual({ refused: 'not-admin' });
      }
    }
    // An admin's own article follows the same review: submitted first, then published.
    expect(transition(at('submitted'), 'publish', { role: 'admin', isAuthor: true })).toEqual(at('published', true));
  });

  it('refuses actions from the wrong state', () => {
    expect(transition(at('submitted'), 'save', author)).toEqual({ refused: 'wrong-state' });
    expect(transition(at('submitted'), 'submit', author)).toEqual({ refused: 'wrong-state' });
    expect(transition(at('published', true), 'submit', author)).toEqual({ refused: 'wrong-state' });
    expect(transition(at('draft'), 'publish', admin)).toEqual({ refused: 'wrong-state' });
    expect(transition(at('returned'), 'publish', admin)).toEqual({ refused: 'wrong-state' });
    expect(transition(at('draft'), 'return', admin)).toEqual({ refused: 'wrong-state' });
    expect(transition(at('published', true), 'return', admin)).toEqual({ refused: 'wrong-state' });
    expect(transition(at('unpublished'), 'unpublish', admin)).toEqual({ refused: 'wrong-state' });
  });

  it('offers exactly the actions that work', () => {
    expect(allowedActions(at('draft'), author)).toEqual(['save', 'submit']);
    expect(allowedActions(at('submitted'), author)).toEqual([]);
    expect(allowedActions(at('submitted'), admin)).toEqual(['publish', 'return']);
    expect(allowedActions(at('published', true), admin)).toEqual(['unpublish']);
    expect(allowedActions(at('published', true), teacher)).toEqual([]);
    expect(articleActions).toHaveLength(5);
  });

  it('makes slugs from Thai titles, unique by id', () => {
    expect(articleSlug('การเชื่อมโลหะ: พื้นฐาน MIG/MAG', 12)).toBe('การเชื่อมโลหะ-พื้นฐาน-mig-mag-12');
    expect(articleSlug('!!!', 3)).toBe('3');
    expect(articleSlug('ก'.repeat(100), 4)).toBe('4');
  });
});

describe('comparing versions', () => {
  it('marks lines added and removed, keeping the common ones', () => {
    expect(diffLines('หนึ่ง\nสอง\nสาม', 'หนึ่ง\nสองจุดห้า\nสาม\nสี่')).toEqual([
      { kind: 'same', text: 'หนึ่ง' },
      { kind: 'removed', text: 'สอง' },
      { kind: 'added', text: 'สองจุดห้า' },
      { kind: 'same', text: 'สาม' },
      { kind: 'added', text: 'สี่' },
    ]);
    expect(diffLines('', 'ใหม่')).toEqual([{ kind: 'added', text: 'ใหม่' }]);
    expect(diffLines('เก่า', '')).toEqual([{ kind: 'removed', text: 'เก่า' }]);
  });
});

describe('plain text with links', () => {
  it('links http and https addresses only, without trailing punctuation', () => {
    expect(linkedText('ดูที่ https://example.org/a?b=1. และ javascript:alert(1)')).toEqual([
      { text: 'ดูที่ ' },
      { text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { text: '. และ javascript:alert(1)' },
    ]);
  });
});
