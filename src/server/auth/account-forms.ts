// What the account routes call: one function per page, each handling its forms with handleForm.
import { langFromPath, localePath } from '../../i18n/index.ts';
import { safeNextPath } from '../../lib/auth/access.ts';
import {
  changePasswordSchema,
  confirmEmailSchema,
  forgotPasswordSchema,
  profileSchema,
  registerSchema,
  resetPasswordSchema,
  signInSchema,
  signOutSchema,
} from '../../lib/auth/form-schemas.ts';
import { passwordProblem } from '../../lib/auth/password-rules.ts';
import { listFields } from '../catalog/fields.ts';
import { getDb } from '../db.ts';
import { clientAddress } from '../http/proxy.ts';
import { absoluteUrl } from '../site-url.ts';
import { formAction, handleForm, reject, type FormContext, type FormRejection } from '../forms.ts';
import { getMailSender } from '../mail/mailer.ts';
import { collegeIds } from '../network/colleges.ts';
import { requireRole } from './authorize.ts';
import { changePassword, signIn } from './credentials.ts';
import { confirmEmail, findLinkUser, requestPasswordReset, resetPassword, type EmailLinkPurpose, type LinkMail } from './password-reset.ts';
import { mailConfirmation, registerAccount, type RegistrationMail } from './registration.ts';
import { clearSessionCookie, demoUsersAllowed, setSessionCookie, startSession } from './request.ts';
import { invalidateSession, invalidateUserSessions } from './sessions.ts';
import { updateProfile } from './users.ts';

const pathIn = (astro: FormContext, path: string) => localePath(langFromPath(astro.url.pathname), path);
const seeOther = (astro: FormContext, path: string) => astro.redirect(path, 303);
const fixErrors = { key: 'form.fixErrors' } as const;

function throttled(retryAfterSeconds: number): FormRejection {
  return reject(429, {
    message: { key: 'auth.signIn.throttled', params: { minutes: Math.ceil(retryAfterSeconds / 60) } },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

async function knownFieldSlugs(): Promise<Set<string>> {
  return new Set((await listFields()).map((f) => f.slug));
}

/**
 * Run work that must not shape the answer (what it finds, how long it takes) after the answer has gone: whether
 * an email has an account shows neither in a page nor in its timing.
 */
function afterAnswering(what: string, work: () => Promise<void>): void {
  setImmediate(() => {
    work().catch((error: unknown) => console.error('%s failed: %s', what, (error as Error).message));
  });
}

/** How emailed links are built and sent, in the language of the page that asked. */
export function emailLinks(astro: FormContext): LinkMail {
  const pages: Record<EmailLinkPurpose, string> = { password: '/reset-password', 'verify-email': '/confirm-email' };
  return { linkFor: (purpose, token) => absoluteUrl(`${pathIn(astro, pages[purpose])}?token=${token}`), send: getMailSender() };
}

function registrationMail(astro: FormContext): RegistrationMail {
  return { ...emailLinks(astro), signInLink: absoluteUrl(pathIn(astro, '/login')), resetLink: absoluteUrl(pathIn(astro, '/forgot-password')) };
}

export async function registerForm(astro: FormContext) {
  if (astro.locals.user) return seeOther(astro, pathIn(astro, '/account'));
  return handleForm(astro, {
    register: formAction(registerSchema(await knownFieldSlugs(), collegeIds(getDb())), (input) => {
      const mail = registrationMail(astro);
      afterAnswering('registration', () => registerAccount(getDb(), input, mail));
      return seeOther(astro, `${pathIn(astro, '/register')}?sent=1`);
    }),
  });
}

/**
 * A page whose address carries an emailed token: the token must not leave in a Referer header to another site.
 * `same-origin`, not `no-referrer`: with no-referrer the browser posts the page's own form with `Origin: null`,
 * which the cross-site check rightly refuses.
 */
function keepTokenOnSite(astro: FormContext): void {
  astro.response.headers.set('Referrer-Policy', 'same-origin');
}

/** /confirm-email?token=…: a button (mail scanners follow links, so a GET spends nothing) that confirms and signs in. */
export async function confirmEmailForm(astro: FormContext) {
  keepTokenOnSite(astro);
  const invalid = { key: 'auth.confirm.invalid' } as const;
  const form = await handleForm(astro, {
    confirm: formAction(confirmEmailSchema, ({ token }) => {
      const userId = confirmEmail(getDb(), token);
      if (userId === undefined) return reject(400, { message: invalid });
      startSession(astro.cookies, userId);
      return seeOther(astro, `${pathIn(astro, '/account')}?saved=confirmed`);
    }),
  });
  if (form instanceof Response || astro.request.method === 'POST') return form;
  const token = astro.url.searchParams.get('token') ?? '';
  if (token.length > 100 || !findLinkUser(getDb(), 'verify-email', token)) return { ...form, message: invalid };
  return { ...form, values: { token } };
}

export async function signInForm(astro: FormContext) {
  const afterSignIn = (next: string | null) => safeNextPath(next, pathIn(astro, '/account'));
  if (astro.locals.user && astro.request.method !== 'POST') {
    return seeOther(astro, afterSignIn(astro.url.searchParams.get('next')));
  }
  return handleForm(astro, {
    'sign-in': formAction(signInSchema, async (input) => {
      const db = getDb();
      // Where to go is settled before a session exists, so nothing about it can fail after one is made.
      const target = afterSignIn(input.next);
      const outcome = await signIn(
        db,
        { email: input.email, password: input.password, address: clientAddress(astro.request, astro.clientAddress) },
        { allowDemo: demoUsersAllowed },
      );
      switch (outcome.kind) {
        case 'throttled':
          return throttled(outcome.retryAfterSeconds);
        case 'invalid':
          return reject(400, { message: { key: 'auth.signIn.invalid' } });
        case 'disabled':
          return reject(403, { message: { key: 'auth.signIn.disabled' } });
        case 'unverified': {
          const mail = emailLinks(astro);
          afterAnswering('confirmation mail', () => mailConfirmation(db, outcome.user, mail));
          return reject(403, { message: { key: 'auth.signIn.unverified' } });
        }
        case 'signed-in':
          // A session this browser had before (perhaps someone else's) ends here rather than lingering.
          if (astro.locals.session) invalidateSession(db, astro.locals.session.id);
          setSessionCookie(astro.cookies, outcome.token, outcome.session.expiresAt);
          return seeOther(astro, target);
      }
    }),
  });
}

export function signOutForm(astro: FormContext) {
  const signedOut = () => {
    clearSessionCookie(astro.cookies);
    return seeOther(astro, pathIn(astro, '/'));
  };
  return handleForm(astro, {
    'sign-out': formAction(signOutSchema, () => {
      if (astro.locals.session) invalidateSession(getDb(), astro.locals.session.id);
      return signedOut();
    }),
    everywhere: formAction(signOutSchema, () => {
      if (astro.locals.user) invalidateUserSessions(getDb(), astro.locals.user.id);
      return signedOut();
    }),
  });
}

export async function accountForms(astro: FormContext) {
  const user = requireRole(astro.locals);
  const saved = (what: string) => seeOther(astro, `${pathIn(astro, '/account')}?saved=${what}`);
  return handleForm(astro, {
    profile: formAction(profileSchema(await knownFieldSlugs(), collegeIds(getDb()), user.role), (input) => {
      updateProfile(getDb(), user.id, input);
      return saved('profile');
    }),
    password: formAction(changePasswordSchema([user.email, user.nameTh, user.nameEn]), async (input) => {
      const outcome = await changePassword(getDb(), user.id, {
        current: input.currentPassword,
        next: input.newPassword,
        address: clientAddress(astro.request, astro.clientAddress),
      });
      if (outcome.kind === 'throttled') return throttled(outcome.retryAfterSeconds);
      if (outcome.kind === 'wrong-password') {
        return reject(400, { errors: { currentPassword: 'account.password.wrong' }, message: fixErrors });
      }
      setSessionCookie(astro.cookies, outcome.token, outcome.session.expiresAt);
      return saved('password');
    }),
  });
}

export function forgotPasswordForm(astro: FormContext) {
  return handleForm(astro, {
    forgot: formAction(forgotPasswordSchema, ({ email }) => {
      const mail = emailLinks(astro);
      afterAnswering('password reset', () => requestPasswordReset(getDb(), email, { ...mail, allowDemo: demoUsersAllowed }));
      return seeOther(astro, `${pathIn(astro, '/forgot-password')}?sent=1`);
    }),
  });
}

export async function resetPasswordForm(astro: FormContext) {
  keepTokenOnSite(astro);
  const invalidToken = { key: 'auth.reset.invalidToken' } as const;
  const form = await handleForm(astro, {
    reset: formAction(resetPasswordSchema, async ({ token, password }) => {
      const db = getDb();
      const user = findLinkUser(db, 'password', token);
      if (!user) return reject(400, { message: invalidToken });
      const problem = passwordProblem(password, [user.email, user.nameTh, user.nameEn]);
      if (problem) return reject(400, { errors: { password: problem }, message: fixErrors });
      if (!(await resetPassword(db, token, password))) return reject(400, { message: invalidToken });
      return seeOther(astro, `${pathIn(astro, '/login')}?reset=1`);
    }),
  });
  if (form instanceof Response || astro.request.method === 'POST') return form;
  const token = astro.url.searchParams.get('token') ?? '';
  if (token.length > 100 || !findLinkUser(getDb(), 'password', token)) return { ...form, message: invalidToken };
  return { ...form, values: { token } };
}
