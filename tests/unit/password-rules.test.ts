import { describe, expect, it } from 'vitest';
import commonPasswords from '../../src/lib/auth/common-passwords.json' with { type: 'json' };
import { normalizePassword, passwordMaxLength, passwordProblem } from '../../src/lib/auth/password-rules.ts';

describe('password rules (NIST SP 800-63B)', () => {
  it('asks for length, counted in characters, not bytes', () => {
    expect(passwordProblem('seven77')).toBe('form.password.tooShort');
    expect(passwordProblem('ลมหนาวมา')).toBeNull(); // 8 Thai characters, 24 bytes in UTF-8
    expect(passwordProblem('ลมหนาว')).toBe('form.password.tooShort');
    expect(passwordProblem('x'.repeat(63) + 'y')).toBeNull(); // 64 allowed
    expect(passwordProblem('ab'.repeat(passwordMaxLength / 2))).toBeNull();
    expect(passwordProblem('ab'.repeat(passwordMaxLength / 2) + 'c')).toBe('form.password.tooLong');
  });

  it('has no composition rules: lower-case words and spaces are fine', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('กินข้าวกับแกงเขียวหวาน')).toBeNull();
  });

  it('refuses the common passwords on the shipped list, whatever their case', () => {
    expect(commonPasswords.length).toBeGreaterThan(100);
    for (const password of ['password', 'Password1', 'QWERTYUIOP', '1q2w3e4r', 'iloveyou', 'thailand', 'p@ssw0rd']) {
      expect(passwordProblem(password), password).toBe('form.password.common');
    }
    for (const password of commonPasswords) expect(password, 'list entries are lower-case').toBe(password.toLowerCase());
  });

  it('refuses repetitive and sequential passwords', () => {
    for (const password of ['aaaaaaaa', '99999999999', 'abcdefghij', '98765432', 'กกกกกกกก']) {
      expect(passwordProblem(password), password).toBe('form.password.common');
    }
    expect(passwordProblem('abcdefgx')).toBeNull();
  });

  it('refuses the person’s own email and name', () => {
    expect(passwordProblem('somchai.j@college.ac.th', ['somchai.j@college.ac.th'])).toBe('form.password.personal');
    expect(passwordProblem('SOMCHAI.J', ['somchai.j@college.ac.th'])).toBe('form.password.personal');
    expect(passwordProblem('สมชาย ใจงาม', [null, 'สมชายใจงาม'])).toBe('form.password.personal');
    expect(passwordProblem('somchai.j and more words', ['somchai.j@college.ac.th'])).toBeNull();
  });

  it('compares passwords in NFKC, so compatibility forms match', () => {
    expect(normalizePassword('１２３４ｐａｓｓ')).toBe('1234pass');
    expect(passwordProblem('ｐａｓｓｗｏｒｄ')).toBe('form.password.common');
  });
});
