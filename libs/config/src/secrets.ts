import { timingSafeEqual } from 'node:crypto';

/** Compares a secret someone sent with the configured one in constant time, so timing does not leak it. */
export function sameSecret(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}
