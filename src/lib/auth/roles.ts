// The four roles and the student levels, shared by the users table, the forms and the route table.

/** admin: center staff; expert: publishes articles; teacher; student: trainees, students and the public. */
export const roles = ['admin', 'expert', 'teacher', 'student'] as const;
export type Role = (typeof roles)[number];

/** Who may register on their own; experts are promoted by an admin, admins are bootstrapped. */
export const selfRegisterRoles = ['student', 'teacher'] as const satisfies readonly Role[];

/** ปวช. (vc), ปวส. (hvc), ทล.บ. (btech), or the public. */
export const studentLevels = ['vc', 'hvc', 'btech', 'public'] as const;
export type StudentLevel = (typeof studentLevels)[number];
