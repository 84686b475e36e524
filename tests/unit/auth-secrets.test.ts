import { describe, expect, it } from 'vitest';
import { hashPassword, passwordHashOptions, verifyNoPassword, verifyPassword } from '../../src/server/auth/password.ts';
import { generateToken, hashToken } from '../../src/server/auth/tokens.ts';

describe('tokens', () => {
  it('are 160 random bits in lower-case base32, never repeated', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 × 5 bits = 160
  });

  it('are stored as their SHA-256 in hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('password hashing', () => {
  it('uses argon2id at OWASP’s cost (19 MiB, 2 passes, 1 lane)', async () => {
    expect(passwordHashOptions).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const hash = await hashPassword('ลมหนาวมาแล้ว');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'ลมหนาวมาแล้ว')).toBe(true);
    expect(await verifyPassword(hash, 'ลมหนาวมาแล้ว ')).toBe(false);
  });

  it('matches the NFKC form of what was typed, and fails closed on a broken hash', async () => {
    const hash = await hashPassword('pass1234word');
    expect(await verifyPassword(hash, 'ｐａｓｓ１２３４ｗｏｒｄ')).toBe(true);
    expect(await verifyPassword('not a hash', 'pass1234word')).toBe(false);
    expect(await verifyNoPassword('anything')).toBe(false);
  });
});
