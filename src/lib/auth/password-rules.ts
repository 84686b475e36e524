// Password rules after NIST SP 800-63B: length counts (8 to 128 characters), composition rules do not; passwords
// that are common, repetitive, sequential or made of the person's own email are refused.
import commonPasswordList from './common-passwords.json' with { type: 'json' };

export const passwordMinLength = 8;
/** NIST asks to allow at least 64; the cap only keeps requests small. */
export const passwordMaxLength = 128;

const commonPasswords = new Set(commonPasswordList);

export type PasswordProblem =
  | 'form.password.tooShort'
  | 'form.password.tooLong'
  | 'form.password.common'
  | 'form.password.personal';

/** What we hash and compare: NFKC, so a password typed with another input method (full-width digits, composed Thai) still matches. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

function isRepetitiveOrSequential(chars: string[]): boolean {
  const codes = chars.map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) <= 1 && codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}

/**
 * The first rule a new password breaks, as a message key, or null. `personal` holds what the person typed
 * about themselves (email, names): a password equal to one of them, or to the email's local part, is refused.
 */
export function passwordProblem(password: string, personal: readonly (string | null | undefined)[] = []): PasswordProblem | null {
  const chars = [...normalizePassword(password)];
  if (chars.length < passwordMinLength) return 'form.password.tooShort';
  if (chars.length > passwordMaxLength) return 'form.password.tooLong';
  const lower = chars.join('').toLowerCase();
  if (commonPasswords.has(lower) || isRepetitiveOrSequential([...lower])) return 'form.password.common';
  const words = personal
    .filter((w): w is string => Boolean(w))
    .flatMap((w) => [w, w.split('@')[0]!])
    .map((w) => w.normalize('NFKC').toLowerCase().replace(/\s+/g, ''))
    .filter((w) => w.length >= 4);
  if (words.some((w) => lower.replace(/\s+/g, '') === w)) return 'form.password.personal';
  return null;
}
