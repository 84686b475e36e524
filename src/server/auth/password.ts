// Password hashing with argon2id at OWASP's recommended cost (19 MiB memory, 2 passes, 1 lane).
import { hash, verify } from '@node-rs/argon2';
import { normalizePassword } from '../../lib/auth/password-rules.ts';

const argon2id = 2; // @node-rs/argon2's Algorithm.Argon2id (a const enum, which Node's type stripping cannot read)
export const passwordHashOptions = { algorithm: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), passwordHashOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false; // a malformed stored hash fails closed
  }
}

let decoy: Promise<string> | undefined;

/** Spend the same time as a real check, for an email nobody registered, so timing does not reveal accounts. */
export async function verifyNoPassword(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password for unknown accounts');
  await verifyPassword(await decoy, password);
  return false;
}
