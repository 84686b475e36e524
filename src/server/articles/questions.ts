// Readers' questions under an article: asking (rate-limited per person; the author is mailed), answering by the
// author or an admin, hiding by an admin. Stored and shown as plain text.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { articleQuestions, users, type ArticleRow } from '../../../db/schema/index.ts';
import type { ThrottleRule } from '../../lib/auth/throttle.ts';
import { reserveAttempt } from '../auth/throttle.ts';
import type { MailSender } from '../mail/mailer.ts';
import type { ArticleActor } from './articles.ts';

/** Five questions per person per ten minutes: enough to talk, too few to flood an author's inbox. */
export const questionRule: ThrottleRule = { limit: 5, windowMs: 10 * 60 * 1000 };

export interface QuestionView {
  id: number;
  body: string;
  askedAt: Date;
  askerName: string | null;
  answer: string | null;
  answeredAt: Date | null;
  hidden: boolean;
}

/** The questions under an article, oldest first; hidden ones only for those who may see them (admins). */
export function questionsFor(db: Db, articleId: number, options: { includeHidden: boolean }): QuestionView[] {
  const rows = db
    .select({
      id: articleQuestions.id,
      body: articleQuestions.body,
      askedAt: articleQuestions.askedAt,
      askerName: users.nameTh,
      answer: articleQuestions.answer,
      answeredAt: articleQuestions.answeredAt,
      hiddenAt: articleQuestions.hiddenAt,
    })
    .from(articleQuestions)
    .leftJoin(users, eq(users.id, articleQuestions.askedBy))
    .where(and(eq(articleQuestions.articleId, articleId), options.includeHidden ? undefined : isNull(articleQuestions.hiddenAt)))
    .orderBy(asc(articleQuestions.askedAt), asc(articleQuestions.id))
    .all();
  return rows.map(({ hiddenAt, ...row }) => ({ ...row, hidden: hiddenAt !== null }));
}

/** Ask a question; 0 when asked, else the seconds the person must wait first. The author is told by mail. */
export async function askQuestion(
  db: Db,
  article: ArticleRow,
  askerId: number,
  body: string,
  notify: { send: MailSender; articleUrl: string },
): Promise<number> {
  const wait = reserveAttempt(db, [{ key: `question:${askerId}`, rule: questionRule }]);
  if (wait > 0) return wait;
  db.insert(articleQuestions).values({ articleId: article.id, askedBy: askerId, body }).run();
  const author = db.select({ email: users.email, nameTh: users.nameTh }).from(users).where(eq(users.id, article.authorId)).get();
  if (author && article.authorId !== askerId) {
    await notify.send({
      to: author.email,
      subject: `มีคำถามใหม่ในบทความ "${article.title}" · New question on your article`,
      text: `เรียน ${author.nameTh}\n\nมีผู้อ่านถามคำถามในบทความ "${article.title}":\n\n${body}\n\nตอบได้ที่ ${notify.articleUrl}#questions\n\nA reader asked a question on your article; answer it at the address above.\n`,
    });
  }
  return 0;
}

function questionOf(db: Db, article: ArticleRow, questionId: number) {
  return db.select().from(articleQuestions).where(and(eq(articleQuestions.id, questionId), eq(articleQuestions.articleId, article.id))).get();
}

/** The author or an admin answers (or changes the answer); false when the question is not this article's or the actor may not. */
export function answerQuestion(db: Db, article: ArticleRow, actor: ArticleActor, questionId: number, answer: string): boolean {
  if (actor.role !== 'admin' && actor.id !== article.authorId) return false;
  if (!questionOf(db, article, questionId)) return false;
  db.update(articleQuestions).set({ answer, answeredBy: actor.id, answeredAt: new Date() }).where(eq(articleQuestions.id, questionId)).run();
  return true;
}

/** An admin hides an abusive question (with its answer) or shows it again. */
export function setQuestionHidden(db: Db, article: ArticleRow, actor: ArticleActor, questionId: number, hidden: boolean): boolean {
  if (actor.role !== 'admin' || !questionOf(db, article, questionId)) return false;
  db.update(articleQuestions).set({ hiddenAt: hidden ? new Date() : null, hiddenBy: hidden ? actor.id : null }).where(eq(articleQuestions.id, questionId)).run();
  return true;
}
