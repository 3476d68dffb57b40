import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords that appear in public breach corpora: the ~49,000 most common ones shipped by zxcvbn-ts.
 * Checked offline; the platform never sends a password, or a hash of one, anywhere (ADR 0015).
 */
const breached = new Set(
  (dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()),
);

export const minimumPasswordLength = 12;

export function isBreachedPassword(password: string): boolean {
  return breached.has(password.toLowerCase());
}
