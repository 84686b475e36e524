// Certificate verification codes: short enough to type from paper, random enough not to be guessed.
// 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 59 bits, grouped as XXXX-XXXX-XXXX.
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const certificateCodePattern = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

export function newCertificateCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  // 256 % 31 leaves a slight bias toward the first characters, harmless for a lookup code that is not a secret key.
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** A code as typed (lower case, spaces, missing dashes) in its canonical form, or undefined when it cannot be one. */
export function normalizeCertificateCode(input: string): string | undefined {
  const plain = input.toUpperCase().replace(/[\s-]/g, '');
  if (plain.length !== 12) return undefined;
  const code = `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
  return certificateCodePattern.test(code) ? code : undefined;
}
