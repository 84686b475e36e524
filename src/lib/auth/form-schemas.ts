// The account forms' input, each a zod schema whose messages are translation keys shown next to the field.
import { z } from 'astro/zod';
import { anyPassword, emailAddress, optionalText, repeated, requiredText } from '../forms/form-values.ts';
import { passwordProblem } from './password-rules.ts';
import { roles, selfRegisterRoles, studentLevels, type Role } from './roles.ts';

export const maxFieldsPerUser = 10;

const emptyAsMissing = (v: unknown) => (v === '' ? undefined : v);

/** A new password, checked against the rules and against what the person told us about themselves. */
const newPassword = (personal: readonly (string | null | undefined)[] = []) =>
  z
    .string('form.required')
    .max(1000, 'form.password.tooLong')
    .superRefine((value, ctx) => {
      const problem = passwordProblem(value, personal);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** A college from the network's list, or none (an empty select). */
const collegeChoice = (collegeIds: ReadonlySet<number>) =>
  z.preprocess(
    emptyAsMissing,
    z.coerce.number('form.invalid').int('form.invalid').refine((id) => collegeIds.has(id), 'form.college.unknown').optional(),
  );

/**
 * Profile fields a person edits; fields of excellence must be slugs from content/fields/fields.yaml, the college one
 * of the network's colleges.
 */
const profileShape = (fieldSlugs: ReadonlySet<string>, collegeIds: ReadonlySet<number>) => ({
  nameTh: requiredText(200),
  nameEn: optionalText(200),
  organization: optionalText(200),
  fields: repeated(
    z.string('form.invalid').refine((slug) => fieldSlugs.has(slug), 'form.fields.unknown'),
    maxFieldsPerUser,
  ).transform((slugs) => [...new Set(slugs)]),
  studentLevel: z.preprocess(emptyAsMissing, z.enum(studentLevels, 'form.invalid').optional()),
  collegeId: collegeChoice(collegeIds).transform((id) => id ?? null),
});

/** Students say their level; everybody else has none. */
function settleStudentLevel<T extends { studentLevel?: string | undefined }>(role: Role, value: T, ctx: z.RefinementCtx) {
  if (role === 'student' && !value.studentLevel) {
    ctx.addIssue({ code: 'custom', path: ['studentLevel'], message: 'form.studentLevel.required' });
  }
}
const levelFor = (role: Role, level: string | undefined) => (role === 'student' ? (level as (typeof studentLevels)[number]) : null);

export const registerSchema = (fieldSlugs: ReadonlySet<string>, collegeIds: ReadonlySet<number>) =>
  z
    .object({
      email: emailAddress,
      password: z.string('form.required').max(1000, 'form.password.tooLong'),
      role: z.enum(selfRegisterRoles, 'form.role.required'),
      ...profileShape(fieldSlugs, collegeIds),
      /** PDPA: registering needs the person's consent to the privacy notice, recorded with the account. */
      consent: z.literal('yes', 'form.consent.required'),
    })
    .superRefine((value, ctx) => {
      const problem = passwordProblem(value.password, [value.email, value.nameTh, value.nameEn]);
      if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
      settleStudentLevel(value.role, value, ctx);
    })
    .transform(({ consent: _consent, ...value }) => ({ ...value, studentLevel: levelFor(value.role, value.studentLevel), privacyConsent: true as const }));

export const profileSchema = (fieldSlugs: ReadonlySet<string>, collegeIds: ReadonlySet<number>, role: Role) =>
  z
    .object(profileShape(fieldSlugs, collegeIds))
    .superRefine((value, ctx) => settleStudentLevel(role, value, ctx))
    .transform((value) => ({ ...value, studentLevel: levelFor(role, value.studentLevel) }));

export const signInSchema = z.object({
  email: emailAddress,
  password: anyPassword,
  next: optionalText(2000),
});

export const changePasswordSchema = (personal: readonly (string | null)[]) =>
  z.object({ currentPassword: anyPassword, newPassword: newPassword(personal) });

export const forgotPasswordSchema = z.object({ email: emailAddress });

export const confirmEmailSchema = z.object({ token: requiredText(100) });

export const resetPasswordSchema = z.object({
  token: requiredText(100),
  password: newPassword(),
});

export const signOutSchema = z.object({});

const userId = z.coerce.number('form.invalid').int('form.invalid').positive('form.invalid').max(Number.MAX_SAFE_INTEGER, 'form.invalid');
export const changeRoleSchema = z.object({ userId, role: z.enum(roles, 'form.invalid') });
export const userIdSchema = z.object({ userId });
export const inviteSchema = z.object({
  email: emailAddress,
  nameTh: requiredText(200),
  organization: optionalText(200),
  role: z.enum(roles, 'form.invalid'),
});

export const userStatuses = ['active', 'disabled'] as const;
export const adminUsersPageSize = 50;

/** The admin list's query string; anything odd falls back to "all", never to an error. */
export const userListQuerySchema = z.object({
  q: z.string().trim().max(200).catch('').default(''),
  role: z.enum(roles).optional().catch(undefined),
  status: z.enum(userStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
